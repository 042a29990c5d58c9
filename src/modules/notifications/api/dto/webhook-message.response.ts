import { ApiProperty } from '@nestjs/swagger';
import { WEBHOOK_MESSAGE_STATUSES, type WebhookAttemptView, type WebhookMessageView } from '../../domain/webhook-message';

export class WebhookAttemptResponse {
  @ApiProperty({ example: 1, description: 'Its number in the series (a manual retry starts a new series at 1)' })
  attempt: number;

  @ApiProperty({ example: '2026-11-22T10:00:00.000Z' })
  attemptedAt: string;

  @ApiProperty({ type: Number, nullable: true, example: 500, description: 'null when no response came' })
  statusCode: number | null;

  @ApiProperty({ example: 42 })
  durationMs: number;

  @ApiProperty({ type: String, nullable: true, example: 'HTTP 500' })
  error: string | null;

  static from(attempt: WebhookAttemptView): WebhookAttemptResponse {
    return {
      attempt: attempt.attempt,
      attemptedAt: attempt.attemptedAt.toISOString(),
      statusCode: attempt.statusCode,
      durationMs: attempt.durationMs,
      error: attempt.error,
    };
  }
}

export class WebhookMessageResponse {
  @ApiProperty({ description: 'The message id: the body `id` and the `webhook-id` header, the same on every attempt' })
  id: string;

  @ApiProperty()
  endpointId: string;

  @ApiProperty({ description: 'The integration event it reports' })
  eventId: string;

  @ApiProperty({ example: 'payment.succeeded' })
  eventType: string;

  @ApiProperty({ enum: WEBHOOK_MESSAGE_STATUSES })
  status: string;

  @ApiProperty({ type: String, nullable: true, description: 'While pending: when the next attempt is due' })
  nextAttemptAt: string | null;

  @ApiProperty({ type: Number, nullable: true, example: 200 })
  lastStatusCode: number | null;

  @ApiProperty({ type: String, nullable: true })
  lastError: string | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The body sent: `{ id, type, createdAt, data }`',
  })
  payload: Record<string, unknown>;

  @ApiProperty()
  createdAt: string;

  @ApiProperty({ type: String, nullable: true, description: 'When it was delivered or given up' })
  finishedAt: string | null;

  @ApiProperty({ type: [WebhookAttemptResponse], description: 'Every attempt, oldest first' })
  attempts: WebhookAttemptResponse[];

  static from(message: WebhookMessageView): WebhookMessageResponse {
    return {
      id: message.id,
      endpointId: message.endpointId,
      eventId: message.eventId,
      eventType: message.eventType,
      status: message.status,
      nextAttemptAt: message.nextAttemptAt?.toISOString() ?? null,
      lastStatusCode: message.lastStatusCode,
      lastError: message.lastError,
      payload: JSON.parse(message.body) as Record<string, unknown>,
      createdAt: message.createdAt.toISOString(),
      finishedAt: message.finishedAt?.toISOString() ?? null,
      attempts: message.attempts.map((attempt) => WebhookAttemptResponse.from(attempt)),
    };
  }
}
