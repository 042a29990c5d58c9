import { z } from 'zod';
import { TRANSFER_KINDS } from '../../payments/contracts/transfer-request-events';
import { defineEvents, field, type CatalogueOf } from '../../../platform/contracts';

/**
 * Accounts' answers to the transfer requests of payments (payments/contracts/transfer-request-events):
 * exactly one of `transfer.succeeded` or `transfer.failed` per transfer id, with the request's
 * subject so the asker sees it in order. A refused hold is answered `transfer.failed` too.
 */

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

/** What accounts says of money it moved (or held) for a request, in one journal. */
export const MovedMoneyV1 = z.object({
  transferId: field.id(),
  kind: z.enum(TRANSFER_KINDS),
  journalId: field.id(),
  sourceAccountId: field.id(),
  destinationAccountId: field.id(),
  amount: field.amount(),
  currency: field.currency(),
});

export const TransferSucceededV1 = MovedMoneyV1.extend({
  sourceBalanceAfter: field.amount(),
  destinationBalanceAfter: field.amount(),
});
export type TransferSucceededV1 = z.infer<typeof TransferSucceededV1>;

export const TransferFailedV1 = z.object({
  transferId: field.id(),
  kind: z.enum(TRANSFER_KINDS),
  reason: z.enum(TRANSFER_FAILURE_REASONS),
  message: z.string(),
});
export type TransferFailedV1 = z.infer<typeof TransferFailedV1>;

export const transferEvents = defineEvents({
  owner: 'accounts',
  subject: "the request's subject",
  events: {
    'transfer.succeeded': { 1: { summary: 'The money moved, in one journal', data: TransferSucceededV1 } },
    'transfer.failed': {
      1: { summary: 'Accounts refused the transfer or the hold: nothing moved', data: TransferFailedV1 },
    },
  },
});

declare module '../../../platform/contracts' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the entries come from the definition above
  interface IntegrationEventCatalogue extends CatalogueOf<typeof transferEvents> {}
}
