import { assertCanMoveMoney, canCredit, canDebit, nextStatus, type AccountSnapshot } from './account';
import { AccountClosedError, AccountFrozenError, AccountNotEmptyError } from './accounts.errors';

const account = (overrides: Partial<AccountSnapshot> = {}): AccountSnapshot => ({
  id: 'acc-1',
  currency: 'USD',
  status: 'active',
  balance: 0,
  allowOverdraft: false,
  ...overrides,
});

describe('account status', () => {
  it('freezes and unfreezes an account', () => {
    expect(nextStatus(account(), 'freeze')).toBe('frozen');
    expect(nextStatus(account({ status: 'frozen' }), 'unfreeze')).toBe('active');
  });

  it('treats an action that changes nothing as a no-op', () => {
    expect(nextStatus(account({ status: 'frozen' }), 'freeze')).toBeNull();
    expect(nextStatus(account(), 'unfreeze')).toBeNull();
    expect(nextStatus(account({ status: 'closed' }), 'close')).toBeNull();
  });

  it('closes only an empty account, frozen or not', () => {
    expect(nextStatus(account(), 'close')).toBe('closed');
    expect(nextStatus(account({ status: 'frozen' }), 'close')).toBe('closed');
    expect(() => nextStatus(account({ balance: 1 }), 'close')).toThrow(AccountNotEmptyError);
  });

  it('does not close an account with money on hold, even with nothing available', () => {
    expect(() => nextStatus(account(), 'close', 100)).toThrow(AccountNotEmptyError);
    expect(nextStatus(account(), 'freeze', 100)).toBe('frozen');
  });

  it('never reopens a closed account', () => {
    expect(() => nextStatus(account({ status: 'closed' }), 'freeze')).toThrow(AccountClosedError);
    expect(() => nextStatus(account({ status: 'closed' }), 'unfreeze')).toThrow(AccountClosedError);
  });
});

describe('moving money', () => {
  it('is allowed only on active accounts', () => {
    expect(() => assertCanMoveMoney(account())).not.toThrow();
    expect(() => assertCanMoveMoney(account({ status: 'frozen' }))).toThrow(AccountFrozenError);
    expect(() => assertCanMoveMoney(account({ status: 'closed' }))).toThrow(AccountClosedError);
  });

  it('never takes a balance below zero without overdraft', () => {
    expect(canDebit(account({ balance: 100 }), 100)).toBe(true);
    expect(canDebit(account({ balance: 100 }), 101)).toBe(false);
    expect(canDebit(account({ balance: 0, allowOverdraft: true }), 101)).toBe(true);
  });

  it('keeps balances within the safe-integer range, overdraft included', () => {
    expect(canCredit(account({ balance: Number.MAX_SAFE_INTEGER - 1 }), 1)).toBe(true);
    expect(canCredit(account({ balance: Number.MAX_SAFE_INTEGER - 1 }), 2)).toBe(false);
    expect(canDebit(account({ balance: -Number.MAX_SAFE_INTEGER + 1, allowOverdraft: true }), 1)).toBe(true);
    expect(canDebit(account({ balance: -Number.MAX_SAFE_INTEGER + 1, allowOverdraft: true }), 2)).toBe(false);
  });
});
