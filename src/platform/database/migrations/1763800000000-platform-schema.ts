import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The platform's own tables: the outbox, per-consumer deliveries, the inbox and idempotency keys. */
export class PlatformSchema1763800000000 implements MigrationInterface {
  name = 'PlatformSchema1763800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE SCHEMA IF NOT EXISTS platform`);

    // seq orders events: it is taken inside the publishing transaction, so for one subject it
    // follows the order in which the aggregate's changes committed.
    await db.query(`
      CREATE TABLE platform.outbox_events (
        seq            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id             uuid        NOT NULL UNIQUE,
        type           text        NOT NULL,
        version        integer     NOT NULL,
        source         text        NOT NULL,
        subject        text        NOT NULL,
        correlation_id text,
        causation_id   text,
        data           jsonb       NOT NULL,
        occurred_at    timestamptz NOT NULL,
        recorded_at    timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await db.query(`CREATE INDEX outbox_events_recorded_at ON platform.outbox_events (recorded_at)`);

    // One row per (event, consumer) still to deliver: the fan-out, written with the event, and
    // deleted once the consumer has handled it (the inbox keeps that fact). available_at is when it
    // may next be claimed: now for new work, the retry time after a failure, the lease end while in
    // flight. A dead delivery stays until it is retried.

    await db.query(`
      CREATE TABLE platform.event_deliveries (
        id           uuid        PRIMARY KEY,
        event_seq    bigint      NOT NULL REFERENCES platform.outbox_events (seq),
        consumer     text        NOT NULL,
        subject      text        NOT NULL,
        status       text        NOT NULL DEFAULT 'pending'
                     CHECK (status IN ('pending', 'in_flight', 'dead')),

        attempts     integer     NOT NULL DEFAULT 0,
        available_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        locked_by    text,
        last_error   text,
        created_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
        finished_at  timestamptz,
        UNIQUE (consumer, event_seq)
      )`);
    // Narrow partial indexes: the claim reads only unfinished rows, whatever the table's size.
    await db.query(`
      CREATE INDEX event_deliveries_ready ON platform.event_deliveries (consumer, available_at)
      WHERE status IN ('pending', 'in_flight')`);
    await db.query(`
      CREATE INDEX event_deliveries_subject_queue ON platform.event_deliveries (consumer, subject, event_seq)
      WHERE status IN ('pending', 'in_flight')`);
    await db.query(`
      CREATE INDEX event_deliveries_dead ON platform.event_deliveries (consumer, finished_at)
      WHERE status = 'dead'`);

    await db.query(`CREATE INDEX event_deliveries_event ON platform.event_deliveries (event_seq)`);

    await db.query(`
      CREATE TABLE platform.inbox (
        consumer   text        NOT NULL,
        event_id   uuid        NOT NULL,
        handled_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        -- The attempt that succeeded: what the deleted delivery row knew.
        attempts   integer     NOT NULL DEFAULT 1,
        PRIMARY KEY (consumer, event_id)

      )`);
    await db.query(`CREATE INDEX inbox_handled_at ON platform.inbox (handled_at)`);

    // A key row is written in the transaction of the work it answers for: it exists only once that committed.
    await db.query(`
      CREATE TABLE platform.idempotency_keys (
        scope           text        NOT NULL,
        key             text        NOT NULL,
        fingerprint     text        NOT NULL,
        response_status integer     NOT NULL,
        response_body   jsonb,
        created_at      timestamptz NOT NULL DEFAULT now(),
        expires_at      timestamptz NOT NULL,
        PRIMARY KEY (scope, key)
      )`);
    await db.query(`CREATE INDEX idempotency_keys_expires_at ON platform.idempotency_keys (expires_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP SCHEMA platform CASCADE`);
  }
}
