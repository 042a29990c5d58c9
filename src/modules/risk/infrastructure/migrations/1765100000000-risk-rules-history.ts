import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Every change of the rules, with the API key that made it. */
export class RiskRulesHistory1765100000000 implements MigrationInterface {
  name = 'RiskRulesHistory1765100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE risk.rules_history (
        id             uuid        PRIMARY KEY,
        rules          jsonb       NOT NULL,
        changed_by_key text        NOT NULL,
        changed_by     text        NOT NULL,
        changed_at     timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE risk.rules_history`);
  }
}
