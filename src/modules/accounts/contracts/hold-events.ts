import type { TransferFailureReason, TransferKind, TransferRequestedV1 } from './transfer-events';

/**
 * Holds: reserve money now, move it later. The asker publishes `transfer.hold_requested`; accounts
 * moves the amount from the source's available balance to its held (pending) balance and answers
 * `transfer.held`, or refuses with `transfer.failed` (the reasons of a transfer). Later the asker
 * asks for exactly one of `transfer.capture_requested` (part or all of the hold to the destination,
 * the rest back to the source) or `transfer.release_requested` (everything back: a void); accounts
 * answers `transfer.captured` or `transfer.released`. The transfer id is the hold's id and the
 * idempotency key: asked again, the same answer, and a hold is settled (captured or released) once.
 * `transfer.cancellation_requested` applies to a hold not yet placed as to a transfer.
 */

/**
 * Asks for a hold of `amount` on the source, for the destination: the fields of a transfer
 * request. The destination is checked now (it exists, is active, holds the currency) and credited
 * on capture; after `expiresAt` the hold is never placed.
 */
export type TransferHoldRequestedV1 = TransferRequestedV1;

export type TransferHeldV1 = {
  transferId: string;
  kind: TransferKind;
  journalId: string;
  sourceAccountId: string;
  destinationAccountId: string;
  amount: number;
  currency: string;
};

export type TransferCaptureRequestedV1 = {
  transferId: string;
  kind: TransferKind;
  /** At most the amount held; the rest goes back to the source in the same transaction. */
  amount: number;
};

export type TransferCapturedV1 = {
  transferId: string;
  kind: TransferKind;
  sourceAccountId: string;
  destinationAccountId: string;
  currency: string;
  /** Moved to the destination. */
  amount: number;
  /** Given back to the source (0 for a full capture). */
  amountReleased: number;
  journalId: string;
  releaseJournalId: string | null;
};

export const HOLD_RELEASE_REQUEST_REASONS = ['CANCELED', 'EXPIRED'] as const;
export type HoldReleaseRequestReason = (typeof HOLD_RELEASE_REQUEST_REASONS)[number];

export type TransferReleaseRequestedV1 = {
  transferId: string;
  kind: TransferKind;
  reason: HoldReleaseRequestReason;
};

/**
 * The whole hold went back to the source: voided as asked (`CANCELED`, `EXPIRED`), or a capture
 * that accounts refused (the destination frozen meanwhile, say) with the refusal's reason.
 */
export type TransferReleasedV1 = {
  transferId: string;
  kind: TransferKind;
  sourceAccountId: string;
  amount: number;
  currency: string;
  journalId: string;
  reason: HoldReleaseRequestReason | TransferFailureReason;
  message: string;
};

declare module '../../../platform/messaging' {
  interface IntegrationEventCatalogue {
    'transfer.hold_requested': { version: 1; data: TransferHoldRequestedV1 };
    'transfer.held': { version: 1; data: TransferHeldV1 };
    'transfer.capture_requested': { version: 1; data: TransferCaptureRequestedV1 };
    'transfer.captured': { version: 1; data: TransferCapturedV1 };
    'transfer.release_requested': { version: 1; data: TransferReleaseRequestedV1 };
    'transfer.released': { version: 1; data: TransferReleasedV1 };
  }
}
