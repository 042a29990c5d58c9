import { AccountClosedError, AccountFrozenError, AccountNotEmptyError } from './accounts.errors';

export type AccountStatus = 'active' | 'frozen' | 'closed';
export type StatusAction = 'freeze' | 'unfreeze' | 'close';

/** What the rules need to know about an account. */
export interface AccountSnapshot {
  readonly id: string;
  readonly currency: string;
  readonly status: AccountStatus;
  readonly balance: number;
  readonly allowOverdraft: boolean;
}

const TARGET: Record<StatusAction, AccountStatus> = { freeze: 'frozen', unfreeze: 'active', close: 'closed' };

/**
 * The status an action leads to, or null when the account is there already (the action is then
 * a no-op, so retrying it is safe). A closed account stays closed; only an empty one closes:
 * nothing available and nothing on hold (`held`).
 */
export function nextStatus(account: AccountSnapshot, action: StatusAction, held = 0): AccountStatus | null {
  const target = TARGET[action];
  if (account.status === target) return null;
  if (account.status === 'closed') throw new AccountClosedError(account.id);
  if (action === 'close' && (account.balance !== 0 || held !== 0))
    throw new AccountNotEmptyError(account.id, account.balance, held, account.currency);
  return target;
}

/** Money moves only in and out of active accounts. */
export function assertCanMoveMoney(account: AccountSnapshot): void {
  if (account.status === 'closed') throw new AccountClosedError(account.id);
  if (account.status === 'frozen') throw new AccountFrozenError(account.id);
}

/**
 * Whether `amount` can leave the account without taking it below zero (unless overdraft is
 * allowed), and never below the safe-integer range that JSON carries exactly.
 */
export function canDebit(account: AccountSnapshot, amount: number): boolean {
  return (account.allowOverdraft || account.balance >= amount) && account.balance - amount >= -Number.MAX_SAFE_INTEGER;
}

/** Whether `amount` can arrive without the balance leaving the safe-integer range that JSON carries exactly. */
export function canCredit(account: AccountSnapshot, amount: number): boolean {
  return account.balance + amount <= Number.MAX_SAFE_INTEGER;
}

export type AccountKind = 'customer' | 'system' | 'hold';

export interface AccountFilter {
  ownerId?: string;
  /** The caller's owner (an owner-bound key): only its accounts, whatever the other filters say. */
  callerOwnerId?: string | null;
  currency?: string;
  status?: AccountStatus;
}

/** An account as this module's commands and queries return it (the table's entity implements it). */
export interface Account {
  readonly id: string;
  readonly name: string;
  readonly currency: string;
  readonly status: AccountStatus;
  /** A customer's held (pending) balance is an account of its own, kind `hold`, whose parent is the customer's. */
  readonly kind: AccountKind;
  readonly parentId: string | null;
  readonly ownerId: string | null;
  readonly metadata: Record<string, string>;
  readonly allowOverdraft: boolean;
  /** The available balance. */
  readonly balance: number;
  /** Money on hold (read with the account; absent on an account just opened). */
  readonly pending?: number;
  /** Money on hold: the balance of the account's hold account (read with the row; absent on an entity just inserted). */
  readonly createdAt: Date;
  readonly updatedAt: Date;
}
