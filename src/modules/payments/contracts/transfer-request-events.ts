import { z } from 'zod';
import { defineEvents, field, type CatalogueOf } from '../../../platform/contracts';

/**
 * How payments asks accounts to move money. A request is an event like any other: a fact about
 * its publisher ("payments asked for this transfer"), owned by the module that asks, and the only
 * module that publishes it. Accounts subscribes and answers with events it owns
 * (`transfer.succeeded` / `transfer.failed`, `transfer.held`, `transfer.captured`,
 * `transfer.released`: accounts/contracts). Subject: the payment id, which the answer carries, so
 * payments sees a payment's answers in order. The transfer id (a payment or refund id) is the
 * idempotency key: a request repeated with the same id moves money at most once and gets the
 * same answer again.
 *
 * Holds reserve money now and move it later: `transfer.hold_requested` moves the amount from the
 * source's available balance to its held balance; then exactly one of `transfer.capture_requested`
 * (part or all of it to the destination, the rest back) or `transfer.release_requested`
 * (everything back: a void). A hold is settled once. `transfer.cancellation_requested` gives up on
 * a transfer or a hold not yet executed.
 */

export const TRANSFER_KINDS = ['payment', 'refund'] as const;
export type TransferKind = (typeof TRANSFER_KINDS)[number];

export const TransferRequestedV1 = z.object({
  transferId: field.id(),
  kind: z.enum(TRANSFER_KINDS),
  sourceAccountId: field.id(),
  destinationAccountId: field.id(),
  amount: field.amount(),
  currency: field.currency(),
  reference: z.string().describe('What the transfer is for, shown on statements (for example the payment id)'),
  expiresAt: field.timestamp().nullable().describe('After this the money must not move; null for no deadline'),
  sourceOwnerId: z
    .string()
    .nullable()
    .optional()
    .describe(
      "Set when an owner-bound API key asked for the move: the source account must be that owner's, or the transfer fails with ACCOUNT_NOT_FOUND. Absent or null: no owner check",
    ),
});
export type TransferRequestedV1 = z.infer<typeof TransferRequestedV1>;

export const TransferCancellationRequestedV1 = z.object({
  transferId: field.id(),
  kind: z.enum(TRANSFER_KINDS),
  reason: z.enum(['EXPIRED']),
});
export type TransferCancellationRequestedV1 = z.infer<typeof TransferCancellationRequestedV1>;

/** A hold is asked for with the fields of a transfer; the destination is credited on capture. */
export const TransferHoldRequestedV1 = TransferRequestedV1;
export type TransferHoldRequestedV1 = TransferRequestedV1;

export const TransferCaptureRequestedV1 = z.object({
  transferId: field.id(),
  kind: z.enum(TRANSFER_KINDS),
  amount: field.amount().describe('At most the amount held; the rest goes back to the source in the same transaction'),
});
export type TransferCaptureRequestedV1 = z.infer<typeof TransferCaptureRequestedV1>;

export const HOLD_RELEASE_REQUEST_REASONS = ['CANCELED', 'EXPIRED'] as const;
export type HoldReleaseRequestReason = (typeof HOLD_RELEASE_REQUEST_REASONS)[number];

export const TransferReleaseRequestedV1 = z.object({
  transferId: field.id(),
  kind: z.enum(TRANSFER_KINDS),
  reason: z.enum(HOLD_RELEASE_REQUEST_REASONS),
});
export type TransferReleaseRequestedV1 = z.infer<typeof TransferReleaseRequestedV1>;

export const transferRequestEvents = defineEvents({
  owner: 'payments',
  subject: 'the payment id (also for a refund)',
  events: {
    'transfer.requested': {
      1: {
        summary: 'Payments asks accounts to move money now (a payment, or a refund back)',
        data: TransferRequestedV1,
      },
    },
    'transfer.cancellation_requested': {
      1: {
        summary: 'Payments gives up on a transfer or hold still unanswered; accounts answers with its one outcome',
        data: TransferCancellationRequestedV1,
      },
    },
    'transfer.hold_requested': {
      1: {
        summary: 'Payments asks accounts to hold money on the source for a manual payment',
        data: TransferHoldRequestedV1,
      },
    },
    'transfer.capture_requested': {
      1: { summary: 'Payments asks accounts to capture a hold, in part or in full', data: TransferCaptureRequestedV1 },
    },
    'transfer.release_requested': {
      1: { summary: 'Payments asks accounts to void a hold (canceled or expired)', data: TransferReleaseRequestedV1 },
    },
  },
});

declare module '../../../platform/contracts' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the entries come from the definition above
  interface IntegrationEventCatalogue extends CatalogueOf<typeof transferRequestEvents> {}
}
