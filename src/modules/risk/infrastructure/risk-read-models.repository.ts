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

  async openedAt(accountId: string): Promise<Date | null> {
    const { rows } = await sql<{ opened_at: Date }>(
      this.unitOfWork.manager,
      `SELECT opened_at FROM risk.accounts WHERE account_id = $1`,
      [accountId],
    );
    return rows[0]?.opened_at ?? null;
  }

  /** Payments from `accountId` since `since`, excluding `paymentId` itself. */
  async recentPayments(accountId: string, since: Date, paymentId: string): Promise<{ count: number; sum: number }> {
    const { rows } = await sql<{ count: string; sum: string }>(
      this.unitOfWork.manager,
      `SELECT count(*) AS count, coalesce(sum(amount), 0) AS sum FROM risk.payment_history
       WHERE source_account_id = $1 AND created_at >= $2 AND payment_id <> $3`,
      [accountId, since, paymentId],
    );
    return { count: Number(rows[0].count), sum: toSafeInteger(rows[0].sum) };
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
