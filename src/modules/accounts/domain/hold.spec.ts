import type { AccountSnapshot } from './account';
import { decideCapture, decideHold, isCapturable } from './hold';
import type { TransferAsk } from './transfer-decision';

const now = new Date('2026-11-22T12:00:00Z');
const account = (id: string, overrides: Partial<AccountSnapshot> = {}): AccountSnapshot => ({
  id,
  currency: 'USD',
  status: 'active',
  balance: 0,
  allowOverdraft: false,
  ...overrides,
});
const source = account('src', { balance: 1000 });
const destination = account('dst');
const held = account('held');
const ask: TransferAsk = {
  sourceAccountId: 'src',
  destinationAccountId: 'dst',
  amount: 600,
  currency: 'USD',
  expiresAt: null,
};

describe('decideHold', () => {
  it('holds what the source has available, as a transfer would move it', () => {
    expect(decideHold(ask, source, destination, held, now)).toEqual({ ok: true, source, destination });
    expect(decideHold({ ...ask, amount: 1001 }, source, destination, held, now)).toMatchObject({
      ok: false,
      reason: 'INSUFFICIENT_FUNDS',
    });
  });

  it('refuses for the reasons a transfer is refused', () => {
    expect(decideHold(ask, undefined, destination, undefined, now)).toMatchObject({ reason: 'ACCOUNT_NOT_FOUND' });
    expect(decideHold(ask, source, { ...destination, status: 'frozen' }, held, now)).toMatchObject({
      reason: 'ACCOUNT_FROZEN',
    });
    expect(decideHold({ ...ask, expiresAt: new Date(0) }, source, destination, held, now)).toMatchObject({
      reason: 'EXPIRED',
    });
  });

  it('keeps the held balance within what JSON carries exactly', () => {
    const rich = { ...source, allowOverdraft: true };
    const full = { ...held, balance: Number.MAX_SAFE_INTEGER - 599 };
    expect(decideHold(ask, rich, destination, full, now)).toMatchObject({ ok: false, reason: 'INSUFFICIENT_FUNDS' });
    expect(decideHold({ ...ask, amount: 599 }, rich, destination, full, now)).toMatchObject({ ok: true });
  });
});

describe('decideCapture', () => {
  it('captures part of a hold and releases the rest, whatever the source has available now', () => {
    expect(decideCapture(1000, 600, { ...source, balance: 0 }, destination)).toEqual({
      ok: true,
      captured: 600,
      released: 400,
    });
    expect(decideCapture(1000, 1000, source, destination)).toEqual({ ok: true, captured: 1000, released: 0 });
  });

  it.each([
    ['ACCOUNT_NOT_FOUND', source, undefined],
    ['ACCOUNT_FROZEN', source, { ...destination, status: 'frozen' as const }],
    ['ACCOUNT_CLOSED', source, { ...destination, status: 'closed' as const }],
    ['ACCOUNT_FROZEN', { ...source, status: 'frozen' as const }, destination],
    ['INSUFFICIENT_FUNDS', source, { ...destination, balance: Number.MAX_SAFE_INTEGER }],
  ])('refuses with %s when the accounts changed since the hold', (reason, from, to) => {
    expect(decideCapture(1000, 600, from, to)).toMatchObject({ ok: false, reason });
  });
});

describe('isCapturable', () => {
  it('takes a positive safe amount up to the hold', () => {
    expect(isCapturable(1000, 1)).toBe(true);
    expect(isCapturable(1000, 1000)).toBe(true);
    for (const amount of [0, -1, 1001, 1.5, Number.NaN]) expect(isCapturable(1000, amount)).toBe(false);
  });
});
