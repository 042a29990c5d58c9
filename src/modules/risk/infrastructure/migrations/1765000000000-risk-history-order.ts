import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The order in which risk learned of each payment: velocity counts a payer's payments that came
 * before this one, so batches assessed side by side agree on who came first without a lock held
 * for the whole batch.
 */
export class RiskHistoryOrder1765000000000 implements MigrationInterface {
  name = 'RiskHistoryOrder1765000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE risk.payment_history ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE risk.payment_history DROP COLUMN seq`);
  }
}
