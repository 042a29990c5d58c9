import { z } from 'zod';
import { defineEvents, field, type CatalogueOf } from '../../../platform/contracts';
import { PAYMENT_FAILURE_CODES } from './payment-events';

/**
 * Integration events about refunds. Subject: the payment id (so a payment's events stay in order).
 * A refund moves money back: from the payment's destination (`fromAccountId`) to its source (`toAccountId`).
 */
export const RefundFactsV1 = z.object({
  refundId: field.id(),
  paymentId: field.id(),
  fromAccountId: field.id().describe("The payment's destination, which gives the money back"),
  toAccountId: field.id().describe("The payment's source, which gets it back"),
  amount: field.amount(),
  currency: field.currency(),
});
export type RefundFactsV1 = z.infer<typeof RefundFactsV1>;

export const RefundCreatedV1 = RefundFactsV1.extend({ reason: z.string().nullable(), createdAt: field.timestamp() });
export type RefundCreatedV1 = z.infer<typeof RefundCreatedV1>;

export const RefundSucceededV1 = RefundFactsV1.extend({ completedAt: field.timestamp() });
export type RefundSucceededV1 = z.infer<typeof RefundSucceededV1>;

export const RefundFailedV1 = RefundFactsV1.extend({
  failureCode: z.enum(PAYMENT_FAILURE_CODES),
  failureMessage: z.string(),
  completedAt: field.timestamp(),
});
export type RefundFailedV1 = z.infer<typeof RefundFailedV1>;

export const refundEvents = defineEvents({
  owner: 'payments',
  subject: 'the payment id',
  events: {
    'refund.created': { 1: { summary: 'A refund of a succeeded payment was accepted', data: RefundCreatedV1 } },
    'refund.succeeded': { 1: { summary: 'The money went back to the payer', data: RefundSucceededV1 } },
    'refund.failed': { 1: { summary: 'Accounts refused to move the money back', data: RefundFailedV1 } },
  },
});

declare module '../../../platform/contracts' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the entries come from the definition above
  interface IntegrationEventCatalogue extends CatalogueOf<typeof refundEvents> {}
}
