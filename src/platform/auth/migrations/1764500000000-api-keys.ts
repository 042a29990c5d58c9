import type { MigrationInterface, QueryRunner } from 'typeorm';

/** API keys: only a hash of each and a short visible prefix are stored. */
export class ApiKeys1764500000000 implements MigrationInterface {
  name = 'ApiKeys1764500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE platform.api_keys (
        id          uuid        PRIMARY KEY,
        name        text        NOT NULL,
        prefix      text        NOT NULL,
        hash        text        NOT NULL UNIQUE,
        scopes      text[]      NOT NULL,
        owner_id    text,
        development boolean     NOT NULL DEFAULT false,
        created_at  timestamptz NOT NULL DEFAULT now(),
        revoked_at  timestamptz
      )`);
    // At most one live development key: instances starting together create one between them.
    await db.query(`CREATE UNIQUE INDEX api_keys_one_development ON platform.api_keys (development)
      WHERE development AND revoked_at IS NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE platform.api_keys`);
  }
}
