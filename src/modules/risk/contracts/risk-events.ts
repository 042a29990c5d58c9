/** Integration events published by the risk module. Subject: the payment id. */

export type RiskDecision = 'approve' | 'review' | 'reject';

export type RiskAssessedV1 = {
  paymentId: string;
  assessmentId: string;
  decision: RiskDecision;
  /** 0 to 100: the sum of the scores of the rules that fired, capped. */
  score: number;
  /** The codes of the rules that fired, e.g. MAX_AMOUNT, VELOCITY_COUNT, BLOCKLISTED_ACCOUNT. */
  reasons: string[];
  sourceAccountId: string;
  destinationAccountId: string;
  amount: number;
  currency: string;
};

/** A person decided a payment that was held for review. */
export type RiskReviewedV1 = {
  paymentId: string;
  assessmentId: string;
  decision: 'approve' | 'reject';
  note: string | null;
};

declare module '../../../platform/messaging' {
  interface IntegrationEventCatalogue {
    'risk.assessed': { version: 1; data: RiskAssessedV1 };
    'risk.reviewed': { version: 1; data: RiskReviewedV1 };
  }
}
