import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Manual capture: a payment's money can be held (`requires_capture`) and captured later, in full
 * or in part, before `capture_before`. `amount_captured` is what moved to the payee, so refunds
 * are bounded by it; payments that succeeded before this migration captured their whole amount.
 */
export class PaymentsManualCapture1796116001000 implements MigrationInterface {
  name = 'PaymentsManualCapture1796116001000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE payments.payments DROP CONSTRAINT payments_status_check`);
    await db.query(`
      ALTER TABLE payments.payments
        ADD CONSTRAINT payments_status_check CHECK (status IN
          ('pending', 'requires_review', 'processing', 'requires_capture', 'succeeded', 'failed', 'canceled', 'expired')),
        ADD COLUMN capture_method text NOT NULL DEFAULT 'automatic' CHECK (capture_method IN ('automatic', 'manual')),
        ADD COLUMN amount_capturable bigint NOT NULL DEFAULT 0,
        ADD COLUMN amount_captured bigint NOT NULL DEFAULT 0,
        -- When accounts placed the hold, and the deadline to capture it.
        ADD COLUMN authorized_at timestamptz,
        ADD COLUMN capture_before timestamptz`);
    await db.query(`UPDATE payments.payments SET amount_captured = amount WHERE status = 'succeeded'`);
    await db.query(`
      ALTER TABLE payments.payments
        ADD CONSTRAINT payments_capturable_within_amount CHECK (amount_capturable BETWEEN 0 AND amount),
        ADD CONSTRAINT payments_captured_within_amount CHECK (amount_captured BETWEEN 0 AND amount),
        ADD CONSTRAINT payments_refunded_within_captured CHECK (amount_refunded <= amount_captured)`);
    // The expiry job's scan now includes holds waiting for their capture (expires_at = capture_before then).
    await db.query(`DROP INDEX payments.payments_expiring`);
    await db.query(`
      CREATE INDEX payments_expiring ON payments.payments (expires_at)
      WHERE status IN ('pending', 'requires_review', 'requires_capture')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX payments.payments_expiring`);
    await db.query(`
      CREATE INDEX payments_expiring ON payments.payments (expires_at) WHERE status IN ('pending', 'requires_review')`);
    await db.query(`
      ALTER TABLE payments.payments
        DROP CONSTRAINT payments_refunded_within_captured,
        DROP COLUMN capture_before, DROP COLUMN authorized_at, DROP COLUMN amount_captured,
        DROP COLUMN amount_capturable, DROP COLUMN capture_method,
        DROP CONSTRAINT payments_status_check,
        ADD CONSTRAINT payments_status_check CHECK (status IN
          ('pending', 'requires_review', 'processing', 'succeeded', 'failed', 'canceled', 'expired'))`);
  }
}
