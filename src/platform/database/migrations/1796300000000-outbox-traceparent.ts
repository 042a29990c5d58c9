import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The W3C trace context an event was published under (null while tracing is off), so its consumers join the trace. */
export class OutboxTraceparent1796300000000 implements MigrationInterface {
  name = 'OutboxTraceparent1796300000000';

  async up(db: QueryRunner): Promise<void> {
    // Nullable, no default: PostgreSQL adds it without rewriting the table.
    await db.query(`ALTER TABLE platform.outbox_events ADD COLUMN traceparent text`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE platform.outbox_events DROP COLUMN traceparent`);
  }
}
