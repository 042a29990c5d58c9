import { z } from 'zod';
import { HOLD_RELEASE_REQUEST_REASONS, TRANSFER_KINDS } from '../../payments/contracts/transfer-request-events';
import { defineEvents, field, type CatalogueOf } from '../../../platform/contracts';
import { MovedMoneyV1, TRANSFER_FAILURE_REASONS } from './transfer-events';

/**
 * Accounts' answers to hold requests (payments/contracts/transfer-request-events): `transfer.held`
 * (or `transfer.failed`, for the reasons of a transfer), then `transfer.captured` or
 * `transfer.released`. The transfer id is the hold's id: asked again, the same answer.
 */

export const TransferHeldV1 = MovedMoneyV1;
export type TransferHeldV1 = z.infer<typeof TransferHeldV1>;

export const TransferCapturedV1 = z.object({
  transferId: field.id(),
  kind: z.enum(TRANSFER_KINDS),
  sourceAccountId: field.id(),
  destinationAccountId: field.id(),
  currency: field.currency(),
  amount: field.amount().describe('Moved to the destination'),
  amountReleased: field.amount().describe('Given back to the source (0 for a full capture)'),
  journalId: field.id(),
  releaseJournalId: field.id().nullable(),
});
export type TransferCapturedV1 = z.infer<typeof TransferCapturedV1>;

export const TransferReleasedV1 = z.object({
  transferId: field.id(),
  kind: z.enum(TRANSFER_KINDS),
  sourceAccountId: field.id(),
  amount: field.amount(),
  currency: field.currency(),
  journalId: field.id(),
  reason: z
    .enum([...HOLD_RELEASE_REQUEST_REASONS, ...TRANSFER_FAILURE_REASONS])
    .describe(
      'CANCELED or EXPIRED as asked, or the reason accounts refused a capture (the destination frozen meanwhile, say)',
    ),
  message: z.string(),
});
export type TransferReleasedV1 = z.infer<typeof TransferReleasedV1>;

export const holdEvents = defineEvents({
  owner: 'accounts',
  subject: "the request's subject",
  events: {
    'transfer.held': {
      1: { summary: "The amount moved from the source's available to its held balance", data: TransferHeldV1 },
    },
    'transfer.captured': {
      1: {
        summary: 'A hold was captured: part or all to the destination, the rest back to the source',
        data: TransferCapturedV1,
      },
    },
    'transfer.released': { 1: { summary: 'The whole hold went back to the source', data: TransferReleasedV1 } },
  },
});

declare module '../../../platform/contracts' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the entries come from the definition above
  interface IntegrationEventCatalogue extends CatalogueOf<typeof holdEvents> {}
}
