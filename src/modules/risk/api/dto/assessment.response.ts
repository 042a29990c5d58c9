import { ApiProperty } from '@nestjs/swagger';
import type { StoredAssessment } from '../../domain/assessment';

export class RiskReasonDto {
  @ApiProperty({ enum: ['MAX_AMOUNT', 'VELOCITY_COUNT', 'VELOCITY_SUM', 'NEW_ACCOUNT_LIMIT', 'BLOCKLISTED_ACCOUNT'] })
  code: string;

  @ApiProperty({ example: '1,500.00 USD is over the limit of 1,000.00 USD' })
  message: string;

  @ApiProperty({ example: 100 })
  score: number;
}

export class ReviewDto {
  @ApiProperty({
    enum: ['pending', 'approved', 'rejected', 'closed'],
    description: 'closed: the payment ended (canceled, expired) before anyone decided',
  })
  status: string;

  @ApiProperty({ type: String, nullable: true })
  note: string | null;

  @ApiProperty({ type: String, nullable: true })
  reviewedAt: string | null;
}

export class AssessmentResponse {
  @ApiProperty() id: string;
  @ApiProperty() paymentId: string;
  @ApiProperty() sourceAccountId: string;
  @ApiProperty() destinationAccountId: string;
  @ApiProperty({ example: 1050 }) amount: number;
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty({ enum: ['approve', 'review', 'reject'] }) decision: string;
  @ApiProperty({ example: 50 }) score: number;
  @ApiProperty({ type: [RiskReasonDto], description: 'The rules that fired' }) reasons: RiskReasonDto[];
  @ApiProperty({ type: ReviewDto, nullable: true, description: 'Set when the payment was held for review' })
  review: ReviewDto | null;
  @ApiProperty() createdAt: string;

  static from(assessment: StoredAssessment): AssessmentResponse {
    return {
      id: assessment.id,
      paymentId: assessment.paymentId,
      sourceAccountId: assessment.sourceAccountId,
      destinationAccountId: assessment.destinationAccountId,
      amount: assessment.amount,
      currency: assessment.currency,
      decision: assessment.decision,
      score: assessment.score,
      reasons: assessment.reasons.map((r) => ({ ...r })),
      review: assessment.reviewStatus
        ? {
            status: assessment.reviewStatus,
            note: assessment.reviewNote,
            reviewedAt: assessment.reviewedAt?.toISOString() ?? null,
          }
        : null,
      createdAt: assessment.createdAt.toISOString(),
    };
  }
}
