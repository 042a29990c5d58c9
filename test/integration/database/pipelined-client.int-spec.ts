import { Module } from '@nestjs/common';
import type { QueryResult } from 'pg';
import type { EntityManager } from 'typeorm';
import { persistenceUnits } from '../../../src/persistence-units';
import { PipelinedClient } from '../../../src/platform/database/pipelined-client';
import { deferredSql } from '../../../src/platform/database/sql';
import { UnitOfWork } from '../../../src/platform/database/unit-of-work';
import { NO_CONSUMERS } from '../../../src/platform/messaging/subscriptions';
import { PlatformModule } from '../../../src/platform/platform.module';
import { startTestApp, type TestApp } from '../../support/test-app';
import { testDatabaseUrl } from '../../support/test-env';

@Module({ imports: [PlatformModule.forRoot(persistenceUnits, NO_CONSUMERS)] })
class PlatformOnly {}

describe('Pipelined transactions (deferred writes, BEGIN sent with the first statement)', () => {
  let app: TestApp;
  let plain: TestApp;
  const table = `test_pipeline_${process.pid}`;
  const names = async () =>
    (await app.dataSource.query<Array<{ name: string }>>(`SELECT name FROM ${table} ORDER BY id`)).map(
      (row) => row.name,
    );
  const insert = (manager: EntityManager, name: string) =>
    deferredSql(manager, undefined, `INSERT INTO ${table} (name) VALUES ($1)`, [name]);

  beforeAll(async () => {
    app = await startTestApp(PlatformOnly);
    plain = await startTestApp(PlatformOnly, { DATABASE_PIPELINE: 'false' });
    await app.dataSource.query(`CREATE TABLE ${table} (id serial PRIMARY KEY, name text NOT NULL UNIQUE)`);
  });
  beforeEach(() => app.dataSource.query(`TRUNCATE ${table}`));
  afterAll(async () => {
    await app.dataSource.query(`DROP TABLE IF EXISTS ${table}`);
    await plain.close();
    await app.close();
  });

  // The default, and DATABASE_PIPELINE=false (a pooler that cannot pipeline): the same outcomes.
  describe.each([
    ['in pipeline mode (the default)', () => app],
    ['with DATABASE_PIPELINE=false', () => plain],
  ])('units of work %s', (_, current) => {
    let unitOfWork: UnitOfWork;
    beforeAll(() => {
      unitOfWork = current().get(UnitOfWork);
    });

    it('runs its connections in pipeline mode only when so configured', async () => {
      const runner = current().dataSource.createQueryRunner();
      const client = (await runner.connect()) as PipelinedClient;
      await runner.release();
      expect(client).toBeInstanceOf(PipelinedClient);
      expect(client.pipelined).toBe(current() === app);
    });

    it('commits deferred writes with the transaction, and a later read in it sees them', async () => {
      const seen = await unitOfWork.run(async (manager) => {
        await insert(manager, 'a');
        await insert(manager, 'b');
        return (await manager.query<Array<{ name: string }>>(`SELECT name FROM ${table} ORDER BY id`)).map(
          (r) => r.name,
        );
      });
      expect(seen).toEqual(['a', 'b']);
      expect(await names()).toEqual(['a', 'b']);
    });

    it('fails the COMMIT with a failed deferred write’s own error, and commits nothing of the transaction', async () => {
      await app.dataSource.query(`INSERT INTO ${table} (name) VALUES ('taken')`);
      const failed = unitOfWork.run(async (manager) => {
        await manager.query(`INSERT INTO ${table} (name) VALUES ('awaited')`);
        await insert(manager, 'taken');
        await insert(manager, 'after');
      });
      await expect(failed).rejects.toMatchObject({ code: '23505' });
      expect(await names()).toEqual(['taken']);
    });

    it('rejects a statement refused after a failed deferred write with that write’s error, not 25P02', async () => {
      await app.dataSource.query(`INSERT INTO ${table} (name) VALUES ('taken')`);
      const failed = unitOfWork.run(async (manager) => {
        await insert(manager, 'taken');
        await manager.query(`SELECT 1`);
      });
      await expect(failed).rejects.toMatchObject({ code: '23505' });
      expect(await names()).toEqual(['taken']);
    });

    it('fails a savepoint whose deferred write failed, and the transaction goes on without it', async () => {
      await app.dataSource.query(`INSERT INTO ${table} (name) VALUES ('taken')`);
      await unitOfWork.run(async (manager) => {
        await insert(manager, 'before');
        await expect(unitOfWork.savepoint(() => insert(manager, 'taken'))).rejects.toMatchObject({ code: '23505' });
        await insert(manager, 'after');
      });
      expect(await names()).toEqual(['taken', 'before', 'after']);
    });

    it('undoes a savepoint’s deferred writes when its work throws', async () => {
      await unitOfWork.run(async (manager) => {
        await expect(
          unitOfWork.savepoint(async () => {
            await insert(manager, 'inside');
            throw new Error('refused');
          }),
        ).rejects.toThrow('refused');
        await insert(manager, 'after');
      });
      expect(await names()).toEqual(['after']);
    });

    it('refuses a deferred write outside a transaction', async () => {
      await expect(insert(current().dataSource.manager, 'loose')).rejects.toThrow('must run inside a transaction');
    });
  });

  describe('on the wire', () => {
    let client: PipelinedClient;
    let writes = 0;
    const query = (text: string) => client.query(text) as unknown as Promise<QueryResult>;

    beforeEach(async () => {
      client = new PipelinedClient({ connectionString: testDatabaseUrl(), pipeline: true });
      await client.connect();
      // Counts what reaches the socket: one write per round trip, or per statements sent together.
      type Write = (...args: unknown[]) => void;
      const stream = (client as unknown as { connection: { stream: Record<'_writev' | '_write', Write> } }).connection
        .stream;
      writes = 0;
      for (const method of ['_writev', '_write'] as const) {
        const original = stream[method].bind(stream);
        stream[method] = (...args: unknown[]) => ((writes += 1), original(...args));
      }
    });
    afterEach(() => client.end());

    it('sends BEGIN with the first statement, and deferred writes with the COMMIT: two writes for a transaction', async () => {
      await query('START TRANSACTION');
      await query(`INSERT INTO ${table} (name) VALUES ('first')`);
      client.defer({ text: `INSERT INTO ${table} (name) VALUES ($1)`, values: ['deferred'] });
      client.defer({ text: `INSERT INTO ${table} (name) VALUES ($1)`, values: ['deferred too'] });
      await query('COMMIT');
      expect(writes).toBe(2);
      expect(await names()).toEqual(['first', 'deferred', 'deferred too']);
    });

    it('sends the statements a transaction begins in one turn of the event loop in one write', async () => {
      await query('START TRANSACTION');
      const [one, two] = await Promise.all([query('SELECT 1 AS n'), query('SELECT 2 AS n')]);
      await query('COMMIT');
      expect([one.rows, two.rows]).toEqual([[{ n: 1 }], [{ n: 2 }]]);
      expect(writes).toBe(2);
    });

    it('sends a statement outside a transaction at once, as a plain client does', async () => {
      expect((await query('SELECT 1 AS n')).rows).toEqual([{ n: 1 }]);
      expect(writes).toBe(1);
    });

    it('sends nothing for a transaction without statements', async () => {
      await query('START TRANSACTION');
      await query('COMMIT');
      await query('START TRANSACTION');
      await query('ROLLBACK');
      expect(writes).toBe(0);
    });

    it('turns a COMMIT that PostgreSQL made a rollback into an error', async () => {
      await query('START TRANSACTION');
      await expect(query('SELECT 1/0')).rejects.toMatchObject({ code: '22012' });
      await expect(query('COMMIT')).rejects.toThrow('rolled back, not committed');
    });
  });
});
