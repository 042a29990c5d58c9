import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedMaintenance } from '../../../src/platform/database/embedded-maintenance';
import { claimPlan, expectProbesOnly, seedDeepBacklog } from '../../support/messaging/claim-plan';
import { startMessagingApp, type MessagingTestApp } from '../../support/messaging/messaging-test-app';

/**
 * The embedded database (PGlite) has no autovacuum: it runs PostgreSQL as one standalone backend.
 * The app vacuums and analyzes it instead, as autovacuum would a server's.
 */
describe('Maintenance of the embedded database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'payments-maintenance-'));
  let app: MessagingTestApp;
  let maintenance: EmbeddedMaintenance;
  const tableStats = async (name: string) =>
    (
      await app.dataSource.query<Array<{ vacuums: number; analyzes: number; dead: number; reltuples: number }>>(
        `SELECT s.vacuum_count::int AS vacuums, s.analyze_count::int AS analyzes, s.n_dead_tup::int AS dead,
                c.reltuples::int AS reltuples
         FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid WHERE s.relname = $1`,
        [name],
      )
    )[0];
  // Counters reach the statistics a moment after their transaction: ask for them now, not then.
  const flushStats = () => app.dataSource.query(`SELECT pg_stat_force_next_flush()`);

  beforeAll(async () => {
    app = await startMessagingApp({ DATABASE_URL: undefined, EMBEDDED_DB_DIR: join(dataDir, 'pglite') });
    maintenance = app.get(EmbeddedMaintenance);
    await maintenance.maintainOnce();
  });
  afterAll(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('vacuums and analyzes a table changed past the thresholds, and leaves it alone next time', async () => {
    await app.dataSource.query(`CREATE TABLE test_churn (id int PRIMARY KEY, label text NOT NULL)`);
    await app.dataSource.query(`INSERT INTO test_churn SELECT n, 'row ' || n FROM generate_series(1, 2000) AS n`);
    await app.dataSource.query(`DELETE FROM test_churn WHERE id % 2 = 0`);
    await flushStats();
    expect(await tableStats('test_churn')).toEqual({ vacuums: 0, analyzes: 0, dead: 1000, reltuples: -1 });

    expect((await maintenance.maintainOnce()).vacuumed).toContain('public.test_churn');
    await flushStats();
    expect(await tableStats('test_churn')).toEqual({ vacuums: 1, analyzes: 1, dead: 0, reltuples: 1000 });

    const again = await maintenance.maintainOnce();
    expect([...again.vacuumed, ...again.analyzed]).not.toContain('public.test_churn');
  });

  // Without statistics the head-of-subject probes walked every delivery of the consumer.
  describe('on a deep backlog', () => {
    const consumer = 'test.embedded-probe';
    beforeAll(async () => {
      await seedDeepBacklog(app.dataSource, consumer);
      await flushStats();
      await maintenance.maintainOnce();
    });

    it.each(['force_custom_plan', 'force_generic_plan'] as const)(
      'gives the claim the plan it has on a server (%s)',
      async (mode) => {
        expectProbesOnly(await claimPlan(app.dataSource, consumer, mode));
      },
    );
  });
});
