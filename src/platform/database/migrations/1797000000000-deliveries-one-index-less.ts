import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One index less on platform.event_deliveries: the once-per-consumer key now leads with the
 * event, so it also serves what the index on event_seq alone served (the foreign key's checks,
 * an event's deliveries). Every delivery is written twice in index terms (its fan-out insert,
 * then its claim, which changes indexed columns), so each index costs twice per delivery.
 */
export class DeliveriesOneIndexLess1797000000000 implements MigrationInterface {
  name = 'DeliveriesOneIndexLess1797000000000';

  async up(db: QueryRunner): Promise<void> {
    // The table holds only open and dead deliveries, so building the key is quick.
    await db.query(
      `ALTER TABLE platform.event_deliveries ADD CONSTRAINT event_deliveries_event_seq_consumer_key UNIQUE (event_seq, consumer)`,
    );
    await db.query(`ALTER TABLE platform.event_deliveries DROP CONSTRAINT event_deliveries_consumer_event_seq_key`);
    await db.query(`DROP INDEX platform.event_deliveries_event`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX event_deliveries_event ON platform.event_deliveries (event_seq)`);
    await db.query(
      `ALTER TABLE platform.event_deliveries ADD CONSTRAINT event_deliveries_consumer_event_seq_key UNIQUE (consumer, event_seq)`,
    );
    await db.query(`ALTER TABLE platform.event_deliveries DROP CONSTRAINT event_deliveries_event_seq_consumer_key`);
  }
}
