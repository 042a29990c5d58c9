import { ApiProperty } from '@nestjs/swagger';
import { PAYMENT_FAILURE_CODES } from '../../contracts/payment-events';
import { CAPTURE_METHODS, type Payment } from '../../domain/payment';
import { PAYMENT_STATUSES } from '../../domain/payment-status';

export class PaymentRiskReviewDto {
  @ApiProperty({ enum: ['approve', 'reject'] }) decision: string;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
}

export class PaymentRiskDto {
  @ApiProperty({ enum: ['approve', 'review', 'reject'] }) decision: string;
  @ApiProperty({ example: 0, description: '0 to 100' }) score: number;
  @ApiProperty({ type: [String], example: ['NEW_ACCOUNT_LIMIT'], description: 'Codes of the rules that fired' })
  reasons: string[];
  @ApiProperty({ type: String, nullable: true }) assessmentId: string | null;
  @ApiProperty({
    type: PaymentRiskReviewDto,
    nullable: true,
    description: 'The decision of the person who reviewed it',
  })
  review: PaymentRiskReviewDto | null;
}

export class PaymentResponse {
  @ApiProperty() id: string;
  @ApiProperty({ enum: PAYMENT_STATUSES }) status: string;
  @ApiProperty({ example: 1050 }) amount: number;
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty() sourceAccountId: string;
  @ApiProperty() destinationAccountId: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) metadata: Record<string, string>;
  @ApiProperty({ enum: CAPTURE_METHODS }) captureMethod: string;
  @ApiProperty({
    example: 0,
    description: 'What can still be captured: the amount on hold while requires_capture, else 0',
  })
  amountCapturable: number;
  @ApiProperty({ example: 1050, description: 'What moved to the payee: set when the payment succeeds' })
  amountCaptured: number;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'A manual payment must be captured by then, or its hold is voided and it expires',
  })
  captureBefore: string | null;
  @ApiProperty({ example: 0, description: 'Sum of the succeeded refunds (at most amountCaptured)' })
  amountRefunded: number;
  @ApiProperty({ enum: PAYMENT_FAILURE_CODES, nullable: true }) failureCode: string | null;
  @ApiProperty({ type: String, nullable: true }) failureMessage: string | null;
  @ApiProperty({ type: PaymentRiskDto, nullable: true, description: 'Set once risk has assessed the payment' })
  risk: PaymentRiskDto | null;
  @ApiProperty({ description: 'The payment expires if not finished by then (once held: captureBefore)' })
  expiresAt: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty({ type: String, nullable: true, description: 'When it reached a final status' }) completedAt:
    string | null;

  static from(payment: Payment): PaymentResponse {
    return {
      id: payment.id,
      status: payment.status,
      amount: payment.amount,
      currency: payment.currency,
      sourceAccountId: payment.sourceAccountId,
      destinationAccountId: payment.destinationAccountId,
      description: payment.description,
      metadata: payment.metadata,
      captureMethod: payment.captureMethod,
      amountCapturable: payment.amountCapturable,
      amountCaptured: payment.amountCaptured,
      captureBefore: payment.captureBefore?.toISOString() ?? null,
      amountRefunded: payment.amountRefunded,
      failureCode: payment.failureCode,
      failureMessage: payment.failureMessage,
      risk: payment.riskDecision
        ? {
            decision: payment.riskDecision,
            score: payment.riskScore ?? 0,
            reasons: payment.riskReasons ?? [],
            assessmentId: payment.riskAssessmentId,
            review: payment.reviewDecision ? { decision: payment.reviewDecision, note: payment.reviewNote } : null,
          }
        : null,
      expiresAt: payment.expiresAt.toISOString(),
      createdAt: payment.createdAt.toISOString(),
      updatedAt: payment.updatedAt.toISOString(),
      completedAt: payment.completedAt?.toISOString() ?? null,
    };
  }
}
