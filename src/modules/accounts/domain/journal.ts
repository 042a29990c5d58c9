export type JournalType = 'deposit' | 'withdrawal' | 'payment' | 'refund' | 'hold' | 'capture' | 'hold_release';

export const JOURNAL_TYPES: readonly JournalType[] = [
  'deposit',
  'withdrawal',
  'payment',
  'refund',
  'hold',
  'capture',
  'hold_release',
];

export interface Posting {
  readonly accountId: string;
  /** Signed, in minor units: negative leaves the account, positive enters it. */
  readonly amount: number;
}

export class UnbalancedJournalError extends Error {}

/**
 * One movement of money, as double entry: at least two postings in one currency whose amounts
 * sum to zero. Built only through `moveMoney`, so an unbalanced journal cannot be made.
 */
export interface Journal {
  readonly type: JournalType;
  readonly currency: string;
  readonly postings: readonly Posting[];
}

export function moveMoney(type: JournalType, currency: string, from: string, to: string, amount: number): Journal {
  if (!Number.isSafeInteger(amount) || amount <= 0)
    throw new UnbalancedJournalError(`Amount must be a positive safe integer, got ${amount}`);
  if (from === to) throw new UnbalancedJournalError('Money cannot move from an account to itself');
  return assertBalanced({
    type,
    currency,
    postings: [
      { accountId: from, amount: -amount },
      { accountId: to, amount },
    ],
  });
}

export function assertBalanced(journal: Journal): Journal {
  if (journal.postings.length < 2) throw new UnbalancedJournalError('A journal needs at least two postings');
  const sum = journal.postings.reduce((total, posting) => total + posting.amount, 0);
  if (sum !== 0) throw new UnbalancedJournalError(`Postings sum to ${sum}, not 0`);
  return journal;
}

export interface StatementEntry {
  readonly id: string;
  readonly journalId: string;
  readonly amount: number;
  readonly balanceAfter: number;
  readonly type: JournalType;
  readonly reference: string | null;
  readonly createdAt: Date;
}

export interface IntegrityReport {
  readonly accountsChecked: number;
  readonly journalsChecked: number;
  readonly balanceMismatches: Array<{ accountId: string; storedBalance: number; postingsSum: number }>;
  readonly unbalancedJournals: Array<{ journalId: string; postings: number; sum: number }>;
  readonly negativeBalances: Array<{ accountId: string; balance: number }>;
  readonly currencyTotals: Array<{ currency: string; total: number }>;
}
