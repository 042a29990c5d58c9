import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The payments module's tables: payments, their refunds, and each payment's timeline of events. */
export class PaymentsSchema1763800003000 implements MigrationInterface {
  name = 'PaymentsSchema1763800003000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE SCHEMA IF NOT EXISTS payments`);
    // Account ids are text: payments does not know which accounts exist (accounts tells it, by event).
    await db.query(`
      CREATE TABLE payments.payments (
        id                     uuid PRIMARY KEY,
        status                 text        NOT NULL CHECK (status IN
                               ('pending', 'requires_review', 'processing', 'succeeded', 'failed', 'canceled', 'expired')),
        amount                 bigint      NOT NULL CHECK (amount > 0),
        currency               char(3)     NOT NULL,
        source_account_id      text        NOT NULL,
        destination_account_id text        NOT NULL,
        description            text,
        metadata               jsonb       NOT NULL DEFAULT '{}',
        amount_refunded        bigint      NOT NULL DEFAULT 0 CHECK (amount_refunded >= 0 AND amount_refunded <= amount),
        failure_code           text,
        failure_message        text,
        risk_assessment_id     uuid,
        risk_decision          text,
        risk_score             integer,
        risk_reasons           jsonb,
        review_decision        text,
        review_note            text,
        expires_at             timestamptz NOT NULL,
        -- Set when the payment expired while its transfer was still unanswered, and accounts was asked to cancel it.
        transfer_cancel_requested_at timestamptz,
        created_at             timestamptz NOT NULL DEFAULT now(),
        updated_at             timestamptz NOT NULL DEFAULT now(),
        completed_at           timestamptz
      )`);
    await db.query(`CREATE INDEX payments_listing ON payments.payments (id DESC)`);
    await db.query(`CREATE INDEX payments_by_source ON payments.payments (source_account_id, id DESC)`);
    await db.query(`CREATE INDEX payments_by_destination ON payments.payments (destination_account_id, id DESC)`);
    await db.query(`
      CREATE INDEX payments_expiring ON payments.payments (expires_at)
      WHERE status IN ('pending', 'requires_review')`);
    await db.query(`
      CREATE INDEX payments_transfer_overdue ON payments.payments (expires_at)
      WHERE status = 'processing' AND transfer_cancel_requested_at IS NULL`);

    await db.query(`
      CREATE TABLE payments.refunds (
        id              uuid PRIMARY KEY,
        payment_id      uuid        NOT NULL REFERENCES payments.payments (id),
        amount          bigint      NOT NULL CHECK (amount > 0),
        currency        char(3)     NOT NULL,
        status          text        NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
        reason          text,
        failure_code    text,
        failure_message text,
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now(),
        completed_at    timestamptz
      )`);
    await db.query(`CREATE INDEX refunds_by_payment ON payments.refunds (payment_id, id DESC)`);

    // The audit trail a support engineer reads: every event about a payment, kept after the outbox is pruned.
    await db.query(`
      CREATE TABLE payments.timeline (
        seq            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        payment_id     uuid        NOT NULL REFERENCES payments.payments (id),
        event_id       uuid        NOT NULL,
        type           text        NOT NULL,
        version        integer     NOT NULL,
        source         text        NOT NULL,
        correlation_id text,
        causation_id   text,
        occurred_at    timestamptz NOT NULL,
        data           jsonb       NOT NULL,
        UNIQUE (payment_id, event_id)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP SCHEMA payments CASCADE`);
  }
}
