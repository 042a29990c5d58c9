import { ApiProperty } from '@nestjs/swagger';
import { NOTIFICATION_AUDIENCES, type NotificationData, type Notification } from '../../domain/notification';

export class NotificationResponse {
  @ApiProperty({ example: '019a4c1e-7d0b-7a51-8f9e-2b3c4d5e6f70' })
  id: string;

  @ApiProperty({
    enum: NOTIFICATION_AUDIENCES,
    description: '`account`: for the holder of `accountId`; `operators`: for the people who run the platform',
  })
  audience: string;

  @ApiProperty({ type: String, nullable: true, description: 'The account it is for; null for operators' })
  accountId: string | null;

  @ApiProperty({
    example: 'payment.succeeded',
    description: 'The event type it reports, or `risk.review_required` for a payment waiting for a review',
  })
  type: string;

  @ApiProperty({ example: 'Payment received' })
  title: string;

  @ApiProperty({ example: 'You received 10.50 USD from account 019a4c1e-7d0b-7a51-8f9e-2b3c4d5e6f70.' })
  message: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { paymentId: '019a…', amount: 1050, currency: 'USD', role: 'payee' },
    description: 'Ids and amounts (integers in minor units)',
  })
  data: NotificationData;

  @ApiProperty({ description: 'The integration event it came from' })
  eventId: string;

  @ApiProperty({ example: '2026-11-22T10:00:00.000Z' })
  createdAt: string;

  @ApiProperty({ type: String, nullable: true, example: null, description: 'When it was first marked read' })
  readAt: string | null;

  static from(notification: Notification): NotificationResponse {
    return {
      id: notification.id,
      audience: notification.audience,
      accountId: notification.accountId,
      type: notification.type,
      title: notification.title,
      message: notification.message,
      data: notification.data,
      eventId: notification.eventId,
      createdAt: notification.createdAt.toISOString(),
      readAt: notification.readAt?.toISOString() ?? null,
    };
  }
}
