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
export type PaymentFactsV1 = {
  paymentId: string;
  sourceAccountId: string;
  destinationAccountId: string;
  amount: number;
  currency: string;
};

export type PaymentCreatedV1 = PaymentFactsV1 & { description: string | null; createdAt: string };
/**
 * A manual payment's money is on hold on the source account: it waits for its capture until
 * `captureBefore`, and is voided (payment.canceled or payment.expired) if not captured.
 */
export type PaymentAuthorizedV1 = PaymentFactsV1 & {
  amountCapturable: number;
  captureBefore: string;
  authorizedAt: string;
};
/** `amountCaptured`: what moved to the payee (the amount, or what a manual capture took; the rest went back). */
export type PaymentSucceededV1 = PaymentFactsV1 & { amountCaptured: number; completedAt: string };
export type PaymentFailedV1 = PaymentFactsV1 & {
  failureCode: PaymentFailureCode;
  failureMessage: string;
  completedAt: string;
};
export type PaymentCanceledV1 = PaymentFactsV1 & { completedAt: string };
export type PaymentExpiredV1 = PaymentFactsV1 & { completedAt: string };

declare module '../../../platform/messaging' {
  interface IntegrationEventCatalogue {
    'payment.created': { version: 1; data: PaymentCreatedV1 };
    'payment.authorized': { version: 1; data: PaymentAuthorizedV1 };
    'payment.succeeded': { version: 1; data: PaymentSucceededV1 };
    'payment.failed': { version: 1; data: PaymentFailedV1 };
    'payment.canceled': { version: 1; data: PaymentCanceledV1 };
    'payment.expired': { version: 1; data: PaymentExpiredV1 };
  }
}
