import { Injectable } from '@nestjs/common';
import { toSafeInteger } from '../../../platform/database/bigint.transformer';
import { sql } from '../../../platform/database/sql';
import { UnitOfWork } from '../../../platform/database/unit-of-work';
import { newId } from '../../../platform/ids';
import type { Journal, JournalType } from '../domain/journal';

export interface PostedJournal {
  readonly id: string;
  readonly createdAt: Date;
  /** Balance of each account after the journal, by account id. */
  readonly balances: ReadonlyMap<string, number>;
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

// One round trip posts a whole journal: the balances move, and the journal and its postings
// (each with the balance it left) are written. The accounts are already locked by the caller;
// the database still refuses a negative balance (CHECK) and an unbalanced journal (deferred trigger).
const POST_JOURNAL_SQL = `
  WITH moved AS (
    UPDATE accounts.accounts a
    SET balance = a.balance + p.amount, updated_at = now()
    FROM unnest($2::uuid[], $3::bigint[]) AS p(account_id, amount)
    WHERE a.id = p.account_id
    RETURNING a.id, a.balance
  ), journal AS (
    INSERT INTO accounts.journals (id, type, currency, reference, metadata)
    VALUES ($1, $4, $5, $6, $7)
    RETURNING created_at
  ), postings AS (
    INSERT INTO accounts.postings (id, journal_id, account_id, amount, balance_after)
    SELECT p.posting_id, $1, p.account_id, p.amount, moved.balance
    FROM unnest($8::uuid[], $2::uuid[], $3::bigint[]) AS p(posting_id, account_id, amount)
    JOIN moved ON moved.id = p.account_id
  )
  SELECT moved.id, moved.balance, journal.created_at FROM moved, journal`;

@Injectable()
export class LedgerRepository {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  async post(
    journal: Journal,
    details: { reference: string | null; metadata?: Record<string, string> },
  ): Promise<PostedJournal> {
    const id = newId();
    const { rows } = await sql<{ id: string; balance: string; created_at: Date }>(
      this.unitOfWork.requireTransaction('Posting a journal'),
      POST_JOURNAL_SQL,
      [
        id,
        journal.postings.map((p) => p.accountId),
        journal.postings.map((p) => p.amount),
        journal.type,
        journal.currency,
        details.reference,
        details.metadata ?? {},
        journal.postings.map(() => newId()),
      ],
    );
    return {
      id,
      createdAt: rows[0].created_at,
      balances: new Map(rows.map((row) => [row.id, toSafeInteger(row.balance)])),
    };
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
