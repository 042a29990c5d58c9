import { DomainError } from '../../../platform/errors';

export class AccountNotFoundError extends DomainError {
  readonly code = 'ACCOUNTS.ACCOUNT_NOT_FOUND';
  readonly kind = 'not_found';
  readonly title = 'Account not found';

  constructor(accountId: string) {
    super(`No account ${accountId}`);
  }
}

export class InsufficientFundsError extends DomainError {
  readonly code = 'ACCOUNTS.INSUFFICIENT_FUNDS';
  readonly kind = 'unprocessable';
  readonly title = 'Insufficient funds';

  constructor(accountId: string, available: number, requested: number, currency: string) {
    super(`Account ${accountId} has ${available} ${currency} available, ${requested} requested`);
  }
}

export class AccountFrozenError extends DomainError {
  readonly code = 'ACCOUNTS.ACCOUNT_FROZEN';
  readonly kind = 'conflict';
  readonly title = 'Account frozen';

  constructor(accountId: string) {
    super(`Account ${accountId} is frozen: no money can move in or out until it is unfrozen`);
  }
}

export class AccountClosedError extends DomainError {
  readonly code = 'ACCOUNTS.ACCOUNT_CLOSED';
  readonly kind = 'conflict';
  readonly title = 'Account closed';

  constructor(accountId: string) {
    super(`Account ${accountId} is closed`);
  }
}

export class AccountNotEmptyError extends DomainError {
  readonly code = 'ACCOUNTS.ACCOUNT_NOT_EMPTY';
  readonly kind = 'conflict';
  readonly title = 'Account not empty';

  constructor(accountId: string, balance: number, held: number, currency: string) {
    super(
      `Account ${accountId} holds ${balance} ${currency}` +
        (held !== 0 ? ` and ${held} ${currency} on hold` : '') +
        '; only an account with a zero balance and nothing on hold can be closed',
    );
  }
}

export class BalanceLimitError extends DomainError {
  readonly code = 'ACCOUNTS.BALANCE_LIMIT_EXCEEDED';
  readonly kind = 'unprocessable';
  readonly title = 'Balance limit exceeded';

  constructor(accountId: string, detail?: string) {
    super(detail ?? `Account ${accountId} would leave the range of ±${Number.MAX_SAFE_INTEGER} minor units`);
  }
}
