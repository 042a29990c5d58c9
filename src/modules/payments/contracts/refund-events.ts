import type { PaymentFailureCode } from './payment-events';

/**
 * Integration events about refunds. Subject: the payment id (so a payment's events stay in order).
 * A refund moves money back: from the payment's destination (`fromAccountId`) to its source (`toAccountId`).
 */
export type RefundFactsV1 = {
  refundId: string;
  paymentId: string;
  fromAccountId: string;
  toAccountId: string;
  amount: number;
  currency: string;
};

export type RefundCreatedV1 = RefundFactsV1 & { reason: string | null; createdAt: string };
export type RefundSucceededV1 = RefundFactsV1 & { completedAt: string };
export type RefundFailedV1 = RefundFactsV1 & {
  failureCode: PaymentFailureCode;
  failureMessage: string;
  completedAt: string;
};

declare module '../../../platform/messaging' {
  interface IntegrationEventCatalogue {
    'refund.created': { version: 1; data: RefundCreatedV1 };
    'refund.succeeded': { version: 1; data: RefundSucceededV1 };
    'refund.failed': { version: 1; data: RefundFailedV1 };
  }
}
