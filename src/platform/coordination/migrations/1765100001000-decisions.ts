import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Decisions taken once across modules (see FirstDecision): one row per key, the first writer's. */
export class Decisions1765100001000 implements MigrationInterface {
  name = 'Decisions1765100001000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE platform.decisions (
        key        text        PRIMARY KEY,
        decided_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE platform.decisions`);
  }
}
