import { assertBalanced, moveMoney, UnbalancedJournalError } from './journal';

describe('journal', () => {
  it('moves money as two postings that sum to zero', () => {
    expect(moveMoney('payment', 'USD', 'a', 'b', 250).postings).toEqual([
      { accountId: 'a', amount: -250 },
      { accountId: 'b', amount: 250 },
    ]);
  });

  it('refuses amounts that are not positive safe integers', () => {
    for (const amount of [0, -1, 1.5, Number.MAX_SAFE_INTEGER + 1, Number.NaN]) {
      expect(() => moveMoney('deposit', 'USD', 'a', 'b', amount)).toThrow(UnbalancedJournalError);
    }
  });

  it('refuses a movement from an account to itself', () => {
    expect(() => moveMoney('payment', 'USD', 'a', 'a', 1)).toThrow(UnbalancedJournalError);
  });

  it('refuses unbalanced or one-sided journals', () => {
    expect(() =>
      assertBalanced({ type: 'deposit', currency: 'USD', postings: [{ accountId: 'a', amount: 1 }] }),
    ).toThrow();
    expect(() =>
      assertBalanced({
        type: 'deposit',
        currency: 'USD',
        postings: [
          { accountId: 'a', amount: 2 },
          { accountId: 'b', amount: -1 },
        ],
      }),
    ).toThrow('sum to 1');
  });
});
