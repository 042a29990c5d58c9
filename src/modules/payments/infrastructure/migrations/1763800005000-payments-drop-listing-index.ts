import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The listing index (id DESC) repeated the primary key, which PostgreSQL scans backwards just as
 * well: it only cost a write on every new payment.
 */
export class PaymentsDropListingIndex1763800005000 implements MigrationInterface {
  name = 'PaymentsDropListingIndex1763800005000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX IF EXISTS payments.payments_listing`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX payments_listing ON payments.payments (id DESC)`);
  }
}
