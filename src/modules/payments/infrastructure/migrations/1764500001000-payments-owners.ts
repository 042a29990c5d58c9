import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Owners, for owner-bound API keys: the owner of the key that created a payment, and payments'
 * own copy of which owner holds which account (from account.opened), so a key sees the payments
 * of its accounts without asking accounts.
 */
export class PaymentsOwners1764500001000 implements MigrationInterface {
  name = 'PaymentsOwners1764500001000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE payments.payments ADD COLUMN owner_id text`);
    await db.query(`
      CREATE TABLE payments.account_owners (
        account_id uuid PRIMARY KEY,
        owner_id   text NOT NULL
      )`);
    await db.query(`CREATE INDEX account_owners_owner ON payments.account_owners (owner_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE payments.account_owners`);
    await db.query(`ALTER TABLE payments.payments DROP COLUMN owner_id`);
  }
}
