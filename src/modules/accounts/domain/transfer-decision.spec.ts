import type { AccountSnapshot } from './account';
import { contractBreach, decideTransfer, type TransferAsk } from './transfer-decision';

const now = new Date('2026-11-22T12:00:00Z');
const source: AccountSnapshot = { id: 'src', currency: 'USD', status: 'active', balance: 1000, allowOverdraft: false };
const destination: AccountSnapshot = {
  id: 'dst',
  currency: 'USD',
  status: 'active',
  balance: 0,
  allowOverdraft: false,
};
const ask: TransferAsk = {
  sourceAccountId: 'src',
  destinationAccountId: 'dst',
  amount: 500,
  currency: 'USD',
  expiresAt: null,
};

describe('decideTransfer', () => {
  it('lets a valid transfer through', () => {
    expect(decideTransfer(ask, source, destination, now)).toEqual({ ok: true, source, destination });
  });

  it.each([
    ['EXPIRED', { ...ask, expiresAt: new Date('2026-11-22T11:59:59Z') }, source, destination],
    ['ACCOUNT_NOT_FOUND', ask, undefined, destination],
    ['ACCOUNT_NOT_FOUND', ask, source, undefined],
    ['ACCOUNT_CLOSED', ask, { ...source, status: 'closed' }, destination],
    ['ACCOUNT_FROZEN', ask, source, { ...destination, status: 'frozen' }],
    ['CURRENCY_MISMATCH', ask, source, { ...destination, currency: 'EUR' }],
    ['CURRENCY_MISMATCH', { ...ask, currency: 'EUR' }, source, destination],
    ['INSUFFICIENT_FUNDS', { ...ask, amount: 1001 }, source, destination],
  ] as const)('refuses with %s', (reason, request, from, to) => {
    expect(decideTransfer(request, from, to, now)).toMatchObject({ ok: false, reason });
  });

  it("refuses another owner's source account as if it did not exist, when an owner asked", () => {
    const owned = { ...source, ownerId: 'alice' };
    expect(decideTransfer({ ...ask, sourceOwnerId: 'bob' }, owned, destination, now)).toMatchObject({
      ok: false,
      reason: 'ACCOUNT_NOT_FOUND',
    });
    expect(decideTransfer({ ...ask, sourceOwnerId: 'alice' }, owned, destination, now)).toMatchObject({ ok: true });
    expect(decideTransfer({ ...ask, sourceOwnerId: null }, owned, destination, now)).toMatchObject({ ok: true });
  });

  it('allows an overdraft account to go below zero', () => {
    expect(
      decideTransfer({ ...ask, amount: 5000 }, { ...source, allowOverdraft: true }, destination, now),
    ).toMatchObject({
      ok: true,
    });
  });

  it('never takes an overdraft below what JSON carries exactly', () => {
    const deep = { ...source, allowOverdraft: true, balance: -Number.MAX_SAFE_INTEGER + 10 };
    expect(decideTransfer({ ...ask, amount: 11 }, deep, destination, now)).toMatchObject({
      ok: false,
      reason: 'INSUFFICIENT_FUNDS',
    });
  });

  it('reports the most fundamental reason first', () => {
    const frozenAndPoor = decideTransfer({ ...ask, amount: 5000 }, { ...source, status: 'frozen' }, destination, now);
    expect(frozenAndPoor).toMatchObject({ reason: 'ACCOUNT_FROZEN' });
  });
});

describe('contractBreach', () => {
  const request = { transferId: 't-1', sourceAccountId: 'src', destinationAccountId: 'dst', amount: 1 };

  it('names a request that can never succeed, and passes a sound one', () => {
    expect(contractBreach('Hold', request)).toBeNull();
    expect(contractBreach('Hold', { ...request, destinationAccountId: 'src' })).toBe(
      'Hold t-1 has the same source and destination',
    );
    for (const amount of [0, -1, 1.5, Number.MAX_SAFE_INTEGER + 1]) {
      expect(contractBreach('Transfer', { ...request, amount })).toBe(`Transfer t-1 has an invalid amount ${amount}`);
    }
  });
});
