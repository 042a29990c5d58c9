import { z } from 'zod';
import { defineEvents, field, type CatalogueOf } from '../../../platform/contracts';

/** Integration events published by the risk module. Subject: the payment id. */

export const RISK_DECISIONS = ['approve', 'review', 'reject'] as const;
export type RiskDecision = (typeof RISK_DECISIONS)[number];

export const RiskAssessedV1 = z.object({
  paymentId: field.id(),
  assessmentId: field.id(),
  decision: z.enum(RISK_DECISIONS),
  score: z.number().int().describe('0 to 100: the sum of the scores of the rules that fired, capped'),
  reasons: z
    .array(z.string())
    .describe('The codes of the rules that fired, e.g. MAX_AMOUNT, VELOCITY_COUNT, BLOCKLISTED_ACCOUNT'),
  sourceAccountId: field.id(),
  destinationAccountId: field.id(),
  amount: field.amount(),
  currency: field.currency(),
});
export type RiskAssessedV1 = z.infer<typeof RiskAssessedV1>;

export const RiskReviewedV1 = z.object({
  paymentId: field.id(),
  assessmentId: field.id(),
  decision: z.enum(['approve', 'reject']),
  note: z.string().nullable(),
});
export type RiskReviewedV1 = z.infer<typeof RiskReviewedV1>;

export const riskEvents = defineEvents({
  owner: 'risk',
  subject: 'the payment id',
  events: {
    'risk.assessed': {
      1: { summary: "Risk's decision on a new payment: approve, review or reject", data: RiskAssessedV1 },
    },
    'risk.reviewed': { 1: { summary: 'A person decided a payment that was held for review', data: RiskReviewedV1 } },
  },
});

declare module '../../../platform/contracts' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the entries come from the definition above
  interface IntegrationEventCatalogue extends CatalogueOf<typeof riskEvents> {}
}
