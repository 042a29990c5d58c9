/**
 * The contract by which other modules ask accounts to move money, and learn the outcome. The
 * asker publishes `transfer.requested`; accounts answers with exactly one of `transfer.succeeded`
 * or `transfer.failed` per transfer id. The transfer id (a payment or refund id) is the
 * idempotency key: a request repeated with the same id moves money at most once and gets the same
 * answer again. The answer carries the request's subject, so the asker sees it in order.
 */

export type TransferKind = 'payment' | 'refund';

export const TRANSFER_FAILURE_REASONS = [
  'INSUFFICIENT_FUNDS',
  'ACCOUNT_FROZEN',
  'ACCOUNT_CLOSED',
  'ACCOUNT_NOT_FOUND',
  'CURRENCY_MISMATCH',
  /** The request arrived after its `expiresAt`: the money did not move, and never will for this id. */
  'EXPIRED',
] as const;
export type TransferFailureReason = (typeof TRANSFER_FAILURE_REASONS)[number];

export type TransferRequestedV1 = {
  transferId: string;
  kind: TransferKind;
  sourceAccountId: string;
  destinationAccountId: string;
  amount: number;
  currency: string;
  /** What the transfer is for, shown on statements (for example the payment id). */
  reference: string;
  /** ISO time after which the money must not move; null for no deadline. */
  expiresAt: string | null;
  /**
   * Set when an owner-bound API key asked for the move: the source account must be that owner's,
   * or the transfer fails with ACCOUNT_NOT_FOUND. Absent or null: no owner check.
   */
  sourceOwnerId?: string | null;
};

export type TransferSucceededV1 = {
  transferId: string;
  kind: TransferKind;
  journalId: string;
  sourceAccountId: string;
  destinationAccountId: string;
  amount: number;
  currency: string;
  sourceBalanceAfter: number;
  destinationBalanceAfter: number;
};

export type TransferFailedV1 = {
  transferId: string;
  kind: TransferKind;
  reason: TransferFailureReason;
  message: string;
};

/**
 * The asker gives up on a transfer it requested (its payment expired while the transfer was still
 * unanswered). If accounts has not executed it yet, it never will: it records the transfer as
 * failed with `reason`. Either way accounts answers with the transfer's outcome, as for a request.
 */
export type TransferCancellationRequestedV1 = {
  transferId: string;
  kind: TransferKind;
  reason: 'EXPIRED';
};

declare module '../../../platform/messaging' {
  interface IntegrationEventCatalogue {
    'transfer.requested': { version: 1; data: TransferRequestedV1 };
    'transfer.cancellation_requested': { version: 1; data: TransferCancellationRequestedV1 };
    'transfer.succeeded': { version: 1; data: TransferSucceededV1 };
    'transfer.failed': { version: 1; data: TransferFailedV1 };
  }
}
