/** Integration events published by the accounts module. Primitives only; amounts in minor units. */

export type AccountOpenedV1 = {
  accountId: string;
  name: string;
  currency: string;
  ownerId: string | null;
  allowOverdraft: boolean;
  openedAt: string;
};

export type AccountStatusChangedV1 = { accountId: string };

export type AccountDepositedV1 = {
  accountId: string;
  depositId: string;
  amount: number;
  currency: string;
  balanceAfter: number;
  reference: string | null;
};

export type AccountWithdrawnV1 = {
  accountId: string;
  withdrawalId: string;
  amount: number;
  currency: string;
  balanceAfter: number;
  reference: string | null;
};

declare module '../../../platform/messaging' {
  interface IntegrationEventCatalogue {
    'account.opened': { version: 1; data: AccountOpenedV1 };
    'account.frozen': { version: 1; data: AccountStatusChangedV1 };
    'account.unfrozen': { version: 1; data: AccountStatusChangedV1 };
    'account.closed': { version: 1; data: AccountStatusChangedV1 };
    'account.deposited': { version: 1; data: AccountDepositedV1 };
    'account.withdrawn': { version: 1; data: AccountWithdrawnV1 };
  }
}
