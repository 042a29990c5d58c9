import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The notifications module's tables: the notification feed, webhook endpoints, their messages and each delivery attempt. */
export class NotificationsSchema1763800004000 implements MigrationInterface {
  name = 'NotificationsSchema1763800004000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE SCHEMA IF NOT EXISTS notifications`);

    // account_id is text: it comes from other modules' events, and a malformed one must not stop the feed.
    await db.query(`
      CREATE TABLE notifications.notifications (
        id         uuid PRIMARY KEY,
        audience   text        NOT NULL CHECK (audience IN ('account', 'operators')),
        account_id text,
        type       text        NOT NULL,
        title      text        NOT NULL,
        message    text        NOT NULL,
        data       jsonb       NOT NULL DEFAULT '{}',
        event_id   uuid        NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at    timestamptz,
        CONSTRAINT notifications_audience_account CHECK ((audience = 'account') = (account_id IS NOT NULL))
      )`);
    // The inbox already handles an event once per consumer; this is the second line of defence.
    // coalesce, because NULLs (operator notifications) are distinct in a plain unique index.
    await db.query(`
      CREATE UNIQUE INDEX notifications_once_per_event
      ON notifications.notifications (event_id, coalesce(account_id, ''), type)`);
    await db.query(`CREATE INDEX notifications_feed ON notifications.notifications (account_id, id DESC)`);
    await db.query(
      `CREATE INDEX notifications_unread ON notifications.notifications (account_id, id DESC) WHERE read_at IS NULL`,
    );
    await db.query(`CREATE INDEX notifications_audience ON notifications.notifications (audience, id DESC)`);

    // previous_secret keeps signing until previous_secret_expires_at, the overlap of a rotation.
    await db.query(`
      CREATE TABLE notifications.webhook_endpoints (
        id                         uuid PRIMARY KEY,
        url                        text        NOT NULL,
        description                text,
        event_types                text[]      NOT NULL CHECK (cardinality(event_types) > 0),
        account_id                 text,
        enabled                    boolean     NOT NULL DEFAULT true,
        disabled_reason            text,
        secret                     text        NOT NULL,
        previous_secret            text,
        previous_secret_expires_at timestamptz,
        created_at                 timestamptz NOT NULL DEFAULT now(),
        updated_at                 timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX webhook_endpoints_listing ON notifications.webhook_endpoints (account_id, id DESC)`);

    // One message per (endpoint, event), recorded in the consumer's transaction; a worker sends it.
    // next_attempt_at is when it is due while pending, and the end of the worker's lease while one holds it
    // (locked_by); attempts counts the attempts of the current series, taken when claimed.
    await db.query(`
      CREATE TABLE notifications.webhook_messages (
        id               uuid PRIMARY KEY,
        endpoint_id      uuid        NOT NULL REFERENCES notifications.webhook_endpoints (id) ON DELETE CASCADE,
        event_id         uuid        NOT NULL,
        event_type       text        NOT NULL,
        body             text        NOT NULL,
        status           text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts         integer     NOT NULL DEFAULT 0,
        next_attempt_at  timestamptz,
        locked_by        text,
        last_status_code integer,
        last_error       text,
        created_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
        finished_at      timestamptz,
        CONSTRAINT webhook_messages_once_per_event UNIQUE (endpoint_id, event_id),
        CONSTRAINT webhook_messages_pending_due CHECK (status <> 'pending' OR next_attempt_at IS NOT NULL)
      )`);
    await db.query(`
      CREATE INDEX webhook_messages_due ON notifications.webhook_messages (endpoint_id, next_attempt_at)
      WHERE status = 'pending'`);
    // What an endpoint has in flight, counted by every claim against the per-endpoint cap.
    await db.query(`
      CREATE INDEX webhook_messages_held ON notifications.webhook_messages (endpoint_id, next_attempt_at)
      WHERE status = 'pending' AND locked_by IS NOT NULL`);
    await db.query(`CREATE INDEX webhook_messages_listing ON notifications.webhook_messages (endpoint_id, id DESC)`);

    await db.query(`
      CREATE TABLE notifications.webhook_attempts (
        id           uuid PRIMARY KEY,
        message_id   uuid        NOT NULL REFERENCES notifications.webhook_messages (id) ON DELETE CASCADE,
        attempt      integer     NOT NULL,
        attempted_at timestamptz NOT NULL,
        duration_ms  integer     NOT NULL,
        status_code  integer,
        error        text
      )`);
    await db.query(
      `CREATE INDEX webhook_attempts_message ON notifications.webhook_attempts (message_id, attempted_at)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP SCHEMA notifications CASCADE`);
  }
}
