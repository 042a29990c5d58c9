import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * For the RabbitMQ transport. This database's identity, so that processes comparing notes on
 * their queues count each database once. And deliveries that a broker consumer parked here: an event that failed on this side (waiting for
 * its retry), or one that arrived while an earlier event of its subject was still parked. Only a
 * process that hosts the consumer runs them; fresh deliveries go to the broker.
 */
export class BrokerTransport1764900000000 implements MigrationInterface {
  name = 'BrokerTransport1764900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE platform.event_deliveries ADD COLUMN parked boolean NOT NULL DEFAULT false`);
    await db.query(
      `CREATE TABLE platform.database_identity (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), one boolean NOT NULL DEFAULT true UNIQUE CHECK (one))`,
    );
    await db.query(`INSERT INTO platform.database_identity DEFAULT VALUES`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE platform.database_identity`);
    await db.query(`ALTER TABLE platform.event_deliveries DROP COLUMN parked`);
  }
}
