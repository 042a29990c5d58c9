import type { RiskDecision } from '../contracts/risk-events';
import type { RiskReason } from './assess-payment';

/** Where a review stands; null on an assessment that needed none. */
export type ReviewStatus = 'pending' | 'approved' | 'rejected' | 'closed';

/** An assessment as risk keeps it, and as its commands and queries return it. */
export interface StoredAssessment {
  readonly id: string;
  readonly paymentId: string;
  readonly sourceAccountId: string;
  readonly destinationAccountId: string;
  readonly amount: number;
  readonly currency: string;
  readonly decision: RiskDecision;
  readonly score: number;
  readonly reasons: readonly RiskReason[];
  readonly reviewStatus: ReviewStatus | null;
  readonly reviewNote: string | null;
  readonly reviewedAt: Date | null;
  readonly createdAt: Date;
}
