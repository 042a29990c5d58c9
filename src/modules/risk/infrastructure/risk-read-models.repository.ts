import { Injectable } from '@nestjs/common';
import { toSafeInteger } from '../../../platform/database/bigint.transformer';
import { sql } from '../../../platform/database/sql';
import { UnitOfWork } from '../../../platform/database/unit-of-work';

/** Risk's local copies of what other modules told it: accounts (age, status) and its payment history. */
@Injectable()
export class RiskReadModelsRepository {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  async accountOpened(accountId: string, currency: string, openedAt: Date): Promise<void> {
    await sql(
      this.unitOfWork.manager,
      `INSERT INTO risk.accounts (account_id, currency, status, opened_at) VALUES ($1, $2, 'active', $3)
       ON CONFLICT (account_id) DO NOTHING`,
      [accountId, currency, openedAt],
    );
  }

  async accountStatusChanged(accountId: string, status: 'active' | 'frozen' | 'closed'): Promise<void> {
    await sql(
      this.unitOfWork.manager,
      `UPDATE risk.accounts SET status = $2, updated_at = now() WHERE account_id = $1`,
      [accountId, status],
    );
  }

  /** Serialises, until the transaction ends, everything that reads or writes this payer's history. */
  async lockPayer(accountId: string): Promise<void> {
    await sql(
      this.unitOfWork.requireTransaction('Locking a payer'),
      `SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`,
      [`risk.payer:${accountId}`],
    );
  }

  /**
   * What an assessment needs to know, in one round trip: when the source account opened (null if
   * risk has not heard of it), which of the two accounts are blocklisted, and the source's earlier
   * payments since `since` (this one excluded).
   */
  async assessmentContext(payment: {
    paymentId: string;
    sourceAccountId: string;
    destinationAccountId: string;
    currency: string;
    since: Date;
  }): Promise<{ sourceOpenedAt: Date | null; blocklisted: Set<string>; recent: { count: number; sum: number } }> {
    const { rows } = await sql<{ opened_at: Date | null; blocked: string[]; recent_count: string; recent_sum: string }>(
      this.unitOfWork.manager,
      `SELECT (SELECT opened_at FROM risk.accounts WHERE account_id = $1) AS opened_at,
              (SELECT coalesce(array_agg(account_id), '{}') FROM risk.blocklist WHERE account_id IN ($1, $2)) AS blocked,
              recent.count AS recent_count, recent.sum AS recent_sum
       FROM (SELECT count(*) AS count,
                    -- Capped: a sum beyond the largest exact amount exceeds any limit anyway.
                    least(coalesce(sum(amount), 0), 9007199254740991) AS sum
             FROM risk.payment_history
             WHERE source_account_id = $1 AND currency = $5 AND created_at >= $3 AND payment_id <> $4) AS recent`,
      [payment.sourceAccountId, payment.destinationAccountId, payment.since, payment.paymentId, payment.currency],
    );
    const [row] = rows;
    return {
      sourceOpenedAt: row.opened_at,
      blocklisted: new Set(row.blocked),
      recent: { count: Number(row.recent_count), sum: toSafeInteger(row.recent_sum) },
    };
  }

  async rememberPayment(payment: {
    paymentId: string;
    sourceAccountId: string;
    amount: number;
    currency: string;
    createdAt: Date;
  }): Promise<void> {
    await sql(
      this.unitOfWork.manager,
      `INSERT INTO risk.payment_history (payment_id, source_account_id, amount, currency, created_at)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (payment_id) DO NOTHING`,
      [payment.paymentId, payment.sourceAccountId, payment.amount, payment.currency, payment.createdAt],
    );
  }
}
