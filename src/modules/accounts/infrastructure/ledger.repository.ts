import { Injectable } from '@nestjs/common';
import { deferredSql, sql, toSafeInteger, UnitOfWork } from '../../../platform/database';
import { newId } from '../../../platform/ids';
import type { IntegrityReport, Journal, JournalType, StatementEntry } from '../domain/journal';

export interface PostedJournal {
  readonly id: string;
  readonly createdAt: Date;
  /** Balance of each account after the journal, by account id. */
  readonly balances: ReadonlyMap<string, number>;
}

// One round trip posts any number of journals: each account's balance moves once, by the sum of
// its postings, and the journals and their postings are written, each posting with the balance it
// left (the new balance less what the account's later postings in the list moved). The accounts
// are already locked by the caller; the database still refuses a negative balance (CHECK) and an
// unbalanced journal (deferred trigger).
const POST_JOURNALS_SQL = `
  WITH posting AS (
    SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::bigint[])
      WITH ORDINALITY AS p(id, journal_id, account_id, amount, position)
  ), moved AS (
    UPDATE accounts.accounts a
    SET balance = a.balance + total.amount, updated_at = now()
    FROM (SELECT account_id, sum(amount) AS amount FROM posting GROUP BY account_id) AS total
    WHERE a.id = total.account_id
    RETURNING a.id, a.balance
  ), journal AS (
    INSERT INTO accounts.journals (id, type, currency, reference, metadata)
    SELECT id, type, currency, reference, metadata
    FROM unnest($5::uuid[], $6::text[], $7::text[], $8::text[], $9::jsonb[])
      WITH ORDINALITY AS j(id, type, currency, reference, metadata, position)
    ORDER BY position
    RETURNING id, created_at
  ), posted AS (
    INSERT INTO accounts.postings (id, journal_id, account_id, amount, balance_after)
    SELECT posting.id, posting.journal_id, posting.account_id, posting.amount,
           moved.balance - coalesce(sum(posting.amount) OVER (
             PARTITION BY posting.account_id ORDER BY posting.position DESC
             ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)
    FROM posting JOIN moved ON moved.id = posting.account_id
    ORDER BY posting.position
    RETURNING journal_id, account_id, balance_after
  )
  SELECT posted.journal_id, posted.account_id, posted.balance_after, journal.created_at
  FROM posted JOIN journal ON journal.id = posted.journal_id`;

/** A journal sent with the COMMIT (`LedgerRepository.postAllWithCommit`): the same, less its time. */
export type PlannedJournal = Omit<PostedJournal, 'createdAt'>;

export interface JournalToPost {
  readonly journal: Journal;
  readonly reference: string | null;
  readonly metadata?: Record<string, string>;
}

@Injectable()
export class LedgerRepository {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  async post(
    journal: Journal,
    details: { reference: string | null; metadata?: Record<string, string> },
  ): Promise<PostedJournal> {
    const [posted] = await this.postAll([{ journal, ...details }]);
    return posted;
  }

  /** Posts journals in the order given, in one statement; the accounts they touch are locked already. */
  async postAll(entries: readonly JournalToPost[]): Promise<PostedJournal[]> {
    if (entries.length === 0) return [];
    const { ids, parameters } = postingParameters(entries);
    const { rows } = await sql<{ journal_id: string; account_id: string; balance_after: string; created_at: Date }>(
      this.unitOfWork.requireTransaction('Posting a journal'),
      POST_JOURNALS_SQL,
      parameters,
    );
    const posted = new Map(ids.map((id) => [id, { id, createdAt: new Date(0), balances: new Map<string, number>() }]));
    for (const row of rows) {
      const journal = posted.get(row.journal_id)!;
      journal.createdAt = row.created_at;
      journal.balances.set(row.account_id, toSafeInteger(row.balance_after));
    }
    return ids.map((id) => posted.get(id)!);
  }

  /**
   * `postAll` without a round trip of its own, for a caller that holds the lock on every account
   * posted to and read its `balances`: the statement goes out with the COMMIT, and the balance
   * each journal leaves is worked out here as the statement works it out there. The database
   * still refuses a negative balance or an unbalanced journal; the COMMIT then fails with it.
   */
  async postAllWithCommit(
    entries: readonly JournalToPost[],
    balances: ReadonlyMap<string, number>,
  ): Promise<PlannedJournal[]> {
    if (entries.length === 0) return [];
    const { ids, parameters } = postingParameters(entries);
    await deferredSql(
      this.unitOfWork.requireTransaction('Posting a journal'),
      'ledger_post_journals',
      POST_JOURNALS_SQL,
      parameters,
    );
    const running = new Map(balances);
    return entries.map(({ journal }, i) => {
      const after = new Map<string, number>();
      for (const { accountId, amount } of journal.postings) {
        const balance = running.get(accountId);
        if (balance === undefined) throw new Error(`Account ${accountId} is posted to but its balance is not known`);
        running.set(accountId, balance + amount);
        after.set(accountId, balance + amount);
      }
      return { id: ids[i], balances: after };
    });
  }

  /** An account's postings, newest first, after the cursor (a posting id); `limit + 1` rows. */
  async statement(accountId: string, limit: number, startingAfter?: string): Promise<StatementEntry[]> {
    const { rows } = await sql<{
      id: string;
      journal_id: string;
      amount: string;
      balance_after: string;
      type: JournalType;
      reference: string | null;
      created_at: Date;
    }>(
      this.unitOfWork.manager,
      `SELECT p.id, p.journal_id, p.amount, p.balance_after, j.type, j.reference, p.created_at
       FROM accounts.postings p JOIN accounts.journals j ON j.id = p.journal_id
       WHERE p.account_id = $1
         AND ($2::uuid IS NULL OR p.seq < (SELECT seq FROM accounts.postings WHERE id = $2::uuid AND account_id = $1))
       ORDER BY p.seq DESC LIMIT $3`,
      [accountId, startingAfter ?? null, limit + 1],
    );
    return rows.map((row) => ({
      id: row.id,
      journalId: row.journal_id,
      amount: toSafeInteger(row.amount),
      balanceAfter: toSafeInteger(row.balance_after),
      type: row.type,
      reference: row.reference,
      createdAt: row.created_at,
    }));
  }

  /**
   * Checks the ledger against itself in one consistent snapshot (REPEATABLE READ), so transfers
   * running meanwhile cannot show up as false mismatches.
   */
  async checkIntegrity(): Promise<IntegrityReport> {
    return this.unitOfWork.run(async (manager) => {
      const query = async <T>(text: string) => (await sql<T>(manager, text)).rows;
      const [counts] = await query<{ accounts: string; journals: string }>(
        `SELECT (SELECT count(*) FROM accounts.accounts) AS accounts, (SELECT count(*) FROM accounts.journals) AS journals`,
      );
      const mismatches = await query<{ id: string; balance: string; postings_sum: string }>(
        `SELECT a.id, a.balance, coalesce(p.total, 0) AS postings_sum
         FROM accounts.accounts a
         LEFT JOIN (SELECT account_id, sum(amount) AS total FROM accounts.postings GROUP BY account_id) p ON p.account_id = a.id
         WHERE a.balance <> coalesce(p.total, 0)`,
      );
      const unbalanced = await query<{ id: string; postings: string; total: string }>(
        `SELECT j.id, count(p.id) AS postings, coalesce(sum(p.amount), 0) AS total
         FROM accounts.journals j LEFT JOIN accounts.postings p ON p.journal_id = j.id
         GROUP BY j.id HAVING coalesce(sum(p.amount), 0) <> 0 OR count(p.id) < 2`,
      );
      const negative = await query<{ id: string; balance: string }>(
        `SELECT id, balance FROM accounts.accounts WHERE balance < 0 AND NOT allow_overdraft`,
      );
      const totals = await query<{ currency: string; total: string }>(
        `SELECT currency, sum(balance) AS total FROM accounts.accounts GROUP BY currency ORDER BY currency`,
      );
      return {
        accountsChecked: Number(counts.accounts),
        journalsChecked: Number(counts.journals),
        balanceMismatches: mismatches.map((r) => ({
          accountId: r.id,
          storedBalance: Number(r.balance),
          postingsSum: Number(r.postings_sum),
        })),
        unbalancedJournals: unbalanced.map((r) => ({
          journalId: r.id,
          postings: Number(r.postings),
          sum: Number(r.total),
        })),
        negativeBalances: negative.map((r) => ({ accountId: r.id, balance: Number(r.balance) })),
        currencyTotals: totals.map((r) => ({ currency: r.currency, total: Number(r.total) })),
      };
    }, 'REPEATABLE READ');
  }
}

/** POST_JOURNALS_SQL's parameters for `entries`, with a new id for each journal and posting. */
function postingParameters(entries: readonly JournalToPost[]): { ids: string[]; parameters: unknown[] } {
  const ids = entries.map(() => newId());
  const postings = entries.flatMap(({ journal }, i) =>
    journal.postings.map((posting) => ({ ...posting, journalId: ids[i] })),
  );
  return {
    ids,
    parameters: [
      postings.map(() => newId()),
      postings.map((p) => p.journalId),
      postings.map((p) => p.accountId),
      postings.map((p) => p.amount),
      ids,
      entries.map(({ journal }) => journal.type),
      entries.map(({ journal }) => journal.currency),
      entries.map((entry) => entry.reference),
      entries.map((entry) => JSON.stringify(entry.metadata ?? {})),
    ],
  };
}
