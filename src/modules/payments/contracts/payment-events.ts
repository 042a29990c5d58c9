import { z } from 'zod';
import { defineEvents, field, type CatalogueOf } from '../../../platform/contracts';

/** Integration events published by the payments module. Subject: the payment id. Amounts in minor units. */

export const PAYMENT_FAILURE_CODES = [
  'RISK_REJECTED',
  'INSUFFICIENT_FUNDS',
  'ACCOUNT_FROZEN',
  'ACCOUNT_CLOSED',
  'ACCOUNT_NOT_FOUND',
  'CURRENCY_MISMATCH',
  'EXPIRED',
] as const;
export type PaymentFailureCode = (typeof PAYMENT_FAILURE_CODES)[number];

/** What every payment event says about the payment. */
export const PaymentFactsV1 = z.object({
  paymentId: field.id(),
  sourceAccountId: field.id(),
  destinationAccountId: field.id(),
  amount: field.amount(),
  currency: field.currency(),
});
export type PaymentFactsV1 = z.infer<typeof PaymentFactsV1>;

export const PaymentCreatedV1 = PaymentFactsV1.extend({
  description: z.string().nullable(),
  createdAt: field.timestamp(),
});
export type PaymentCreatedV1 = z.infer<typeof PaymentCreatedV1>;

export const PaymentAuthorizedV1 = PaymentFactsV1.extend({
  amountCapturable: field.amount(),
  captureBefore: field
    .timestamp()
    .describe('The hold is voided (payment.canceled or payment.expired) if not captured by then'),
  authorizedAt: field.timestamp(),
});
export type PaymentAuthorizedV1 = z.infer<typeof PaymentAuthorizedV1>;

export const PaymentSucceededV1 = PaymentFactsV1.extend({
  amountCaptured: field
    .amount()
    .describe('What moved to the payee: the amount, or what a manual capture took (the rest went back)'),
  completedAt: field.timestamp(),
});
export type PaymentSucceededV1 = z.infer<typeof PaymentSucceededV1>;

export const PaymentFailedV1 = PaymentFactsV1.extend({
  failureCode: z.enum(PAYMENT_FAILURE_CODES),
  failureMessage: z.string(),
  completedAt: field.timestamp(),
});
export type PaymentFailedV1 = z.infer<typeof PaymentFailedV1>;

export const PaymentCanceledV1 = PaymentFactsV1.extend({ completedAt: field.timestamp() });
export type PaymentCanceledV1 = z.infer<typeof PaymentCanceledV1>;

export const PaymentExpiredV1 = PaymentFactsV1.extend({ completedAt: field.timestamp() });
export type PaymentExpiredV1 = z.infer<typeof PaymentExpiredV1>;

export const paymentEvents = defineEvents({
  owner: 'payments',
  subject: 'the payment id',
  events: {
    'payment.created': { 1: { summary: 'A payment was accepted; risk assesses it next', data: PaymentCreatedV1 } },
    'payment.authorized': {
      1: {
        summary: "A manual payment's money is held on the source account, waiting for its capture",
        data: PaymentAuthorizedV1,
      },
    },
    'payment.succeeded': { 1: { summary: 'The money moved to the payee', data: PaymentSucceededV1 } },
    'payment.failed': {
      1: { summary: 'Risk rejected the payment or accounts refused to move the money', data: PaymentFailedV1 },
    },
    'payment.canceled': {
      1: { summary: 'The payment was canceled before its money moved (a hold is voided)', data: PaymentCanceledV1 },
    },
    'payment.expired': {
      1: { summary: 'The payment passed its deadline before its money moved', data: PaymentExpiredV1 },
    },
  },
});

declare module '../../../platform/contracts' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the entries come from the definition above
  interface IntegrationEventCatalogue extends CatalogueOf<typeof paymentEvents> {}
}
