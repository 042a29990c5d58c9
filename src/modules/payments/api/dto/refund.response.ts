import { ApiProperty } from '@nestjs/swagger';
import { PAYMENT_FAILURE_CODES } from '../../contracts/payment-events';
import type { Refund } from '../../domain/refund';

export class RefundResponse {
  @ApiProperty() id: string;
  @ApiProperty() paymentId: string;
  @ApiProperty({ example: 500 }) amount: number;
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty({ enum: ['pending', 'succeeded', 'failed'] }) status: string;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ enum: PAYMENT_FAILURE_CODES, nullable: true }) failureCode: string | null;
  @ApiProperty({ type: String, nullable: true }) failureMessage: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty({ type: String, nullable: true }) completedAt: string | null;

  static from(refund: Refund): RefundResponse {
    return {
      id: refund.id,
      paymentId: refund.paymentId,
      amount: refund.amount,
      currency: refund.currency,
      status: refund.status,
      reason: refund.reason,
      failureCode: refund.failureCode,
      failureMessage: refund.failureMessage,
      createdAt: refund.createdAt.toISOString(),
      updatedAt: refund.updatedAt.toISOString(),
      completedAt: refund.completedAt?.toISOString() ?? null,
    };
  }
}
