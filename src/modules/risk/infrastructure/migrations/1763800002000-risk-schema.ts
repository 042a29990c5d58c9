import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The risk module's tables: its rules and blocklist, its read models, and its assessments. */
export class RiskSchema1763800002000 implements MigrationInterface {
  name = 'RiskSchema1763800002000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE SCHEMA IF NOT EXISTS risk`);
    // One row: the rules document, validated by the API before it is stored.
    await db.query(`
      CREATE TABLE risk.rules (
        id         smallint PRIMARY KEY CHECK (id = 1),
        rules      jsonb       NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE risk.blocklist (
        id         uuid PRIMARY KEY,
        account_id text        NOT NULL UNIQUE,
        reason     text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Read model of accounts, fed by account.* events: risk never reads the accounts module's tables.
    await db.query(`
      CREATE TABLE risk.accounts (
        account_id text PRIMARY KEY,
        currency   char(3)     NOT NULL,
        status     text        NOT NULL,
        opened_at  timestamptz NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Risk's own memory of the payments it assessed, for velocity.
    await db.query(`
      CREATE TABLE risk.payment_history (
        payment_id        text PRIMARY KEY,
        source_account_id text        NOT NULL,
        amount            bigint      NOT NULL,
        currency          char(3)     NOT NULL,
        created_at        timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX payment_history_velocity ON risk.payment_history (source_account_id, created_at)`);
    await db.query(`
      CREATE TABLE risk.assessments (
        id                     uuid PRIMARY KEY,
        payment_id             text        NOT NULL UNIQUE,
        source_account_id      text        NOT NULL,
        destination_account_id text        NOT NULL,
        amount                 bigint      NOT NULL,
        currency               char(3)     NOT NULL,
        decision               text        NOT NULL CHECK (decision IN ('approve', 'review', 'reject')),
        score                  integer     NOT NULL,
        reasons                jsonb       NOT NULL,
        review_status          text CHECK (review_status IN ('pending', 'approved', 'rejected', 'closed')),
        review_note            text,
        reviewed_at            timestamptz,
        created_at             timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(
      `CREATE INDEX assessments_pending_reviews ON risk.assessments (id DESC) WHERE review_status = 'pending'`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP SCHEMA risk CASCADE`);
  }
}
