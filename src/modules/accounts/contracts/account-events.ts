import { z } from 'zod';
import { defineEvents, field, type CatalogueOf } from '../../../platform/contracts';

/** Integration events published by the accounts module. Subject: the account id. Amounts in minor units. */

export const AccountOpenedV1 = z.object({
  accountId: field.id(),
  name: z.string(),
  currency: field.currency(),
  ownerId: z.string().nullable(),
  allowOverdraft: z.boolean(),
  openedAt: field.timestamp(),
});
export type AccountOpenedV1 = z.infer<typeof AccountOpenedV1>;

export const AccountStatusChangedV1 = z.object({ accountId: field.id() });
export type AccountStatusChangedV1 = z.infer<typeof AccountStatusChangedV1>;

export const AccountDepositedV1 = z.object({
  accountId: field.id(),
  depositId: field.id(),
  amount: field.amount(),
  currency: field.currency(),
  balanceAfter: field.amount(),
  reference: z.string().nullable(),
});
export type AccountDepositedV1 = z.infer<typeof AccountDepositedV1>;

export const AccountWithdrawnV1 = z.object({
  accountId: field.id(),
  withdrawalId: field.id(),
  amount: field.amount(),
  currency: field.currency(),
  balanceAfter: field.amount(),
  reference: z.string().nullable(),
});
export type AccountWithdrawnV1 = z.infer<typeof AccountWithdrawnV1>;

export const accountEvents = defineEvents({
  owner: 'accounts',
  subject: 'the account id',
  events: {
    'account.opened': { 1: { summary: 'An account was opened', data: AccountOpenedV1 } },
    'account.frozen': {
      1: { summary: 'An account was frozen: no money leaves or enters it', data: AccountStatusChangedV1 },
    },
    'account.unfrozen': { 1: { summary: 'A frozen account is active again', data: AccountStatusChangedV1 } },
    'account.closed': { 1: { summary: 'An account was closed, for good', data: AccountStatusChangedV1 } },
    'account.deposited': { 1: { summary: 'Money came in from outside the ledger', data: AccountDepositedV1 } },
    'account.withdrawn': { 1: { summary: 'Money went out of the ledger', data: AccountWithdrawnV1 } },
  },
});

declare module '../../../platform/contracts' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the entries come from the definition above
  interface IntegrationEventCatalogue extends CatalogueOf<typeof accountEvents> {}
}
