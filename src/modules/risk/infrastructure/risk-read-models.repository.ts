import { Injectable } from '@nestjs/common';
import { deferredSql, sql, toSafeInteger, UnitOfWork } from '../../../platform/database';

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

  /**
   * What the assessments of a batch of payments need to know, in one round trip, by payment id:
   * whether it is assessed already (a repeated event), when each source account opened (null if
   * risk has not heard of it), which of its two accounts are blocklisted, and the source's payments
   * in the payment's currency since `since` that came before it in risk's history (which must hold
   * the batch already: see `rememberPayments`).
   */
  async assessmentContexts(
    payments: ReadonlyArray<{
      paymentId: string;
      sourceAccountId: string;
      destinationAccountId: string;
      currency: string;
    }>,
    since: Date,
  ): Promise<
    Map<
      string,
      {
        assessed: boolean;
        sourceOpenedAt: Date | null;
        blocklisted: Set<string>;
        recent: { count: number; sum: number };
      }
    >
  > {
    const { rows } = await sql<{
      payment_id: string;
      assessed: boolean;
      opened_at: Date | null;
      blocked: string[];
      recent_count: string;
      recent_sum: string;
    }>(
      this.unitOfWork.manager,
      `SELECT p.payment_id,
              EXISTS (SELECT 1 FROM risk.assessments WHERE payment_id = p.payment_id) AS assessed,
              (SELECT opened_at FROM risk.accounts WHERE account_id = p.source) AS opened_at,
              ARRAY(SELECT account_id FROM risk.blocklist WHERE account_id IN (p.source, p.destination)) AS blocked,
              recent.count AS recent_count, recent.sum AS recent_sum
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS p(payment_id, source, destination, currency)
       CROSS JOIN LATERAL (
         SELECT count(*) AS count,
                -- Capped: a sum beyond the largest exact amount exceeds any limit anyway.
                least(coalesce(sum(h.amount), 0), 9007199254740991) AS sum
         FROM risk.payment_history h
         WHERE h.source_account_id = p.source AND h.currency = p.currency AND h.created_at >= $5
           AND h.seq < (SELECT seq FROM risk.payment_history WHERE payment_id = p.payment_id)) AS recent`,
      [
        payments.map((p) => p.paymentId),
        payments.map((p) => p.sourceAccountId),
        payments.map((p) => p.destinationAccountId),
        payments.map((p) => p.currency),
        since,
      ],
    );
    return new Map(
      rows.map((row) => [
        row.payment_id,
        {
          assessed: row.assessed,
          sourceOpenedAt: row.opened_at,
          blocklisted: new Set(row.blocked),
          recent: { count: Number(row.recent_count), sum: toSafeInteger(row.recent_sum) },
        },
      ]),
    );
  }

  /**
   * Adds payments to risk's history (for velocity), in one statement, in the order given; those
   * already there keep their place. It locks each payer until the transaction ends: a payer's
   * payments take their places one transaction at a time, and each is in the history, committed,
   * before any later one is counted. Payers are locked in one order, in one statement, so two of
   * these never deadlock. Both statements leave with the transaction's next one (its context).
   */
  async rememberPayments(
    payments: ReadonlyArray<{
      paymentId: string;
      sourceAccountId: string;
      amount: number;
      currency: string;
      createdAt: Date;
    }>,
  ): Promise<void> {
    const manager = this.unitOfWork.requireTransaction('Remembering payments');
    // Sent together, ahead of the next statement: the server takes the locks before it inserts.
    await deferredSql(
      manager,
      'risk_lock_payers',
      `SELECT pg_advisory_xact_lock(key) FROM (
         SELECT DISTINCT hashtextextended('risk.payer:' || payer, 0) AS key FROM unnest($1::text[]) AS payer ORDER BY key
       ) AS payers`,
      [[...new Set(payments.map((p) => p.sourceAccountId))]],
    );
    await deferredSql(
      manager,
      'risk_payment_history',
      `INSERT INTO risk.payment_history (payment_id, source_account_id, amount, currency, created_at)
       SELECT payment_id, source_account_id, amount, currency, created_at
       FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::timestamptz[])
         WITH ORDINALITY AS p(payment_id, source_account_id, amount, currency, created_at, position)
       ORDER BY position
       ON CONFLICT (payment_id) DO NOTHING`,
      [
        payments.map((p) => p.paymentId),
        payments.map((p) => p.sourceAccountId),
        payments.map((p) => p.amount),
        payments.map((p) => p.currency),
        payments.map((p) => p.createdAt),
      ],
    );
  }
}
