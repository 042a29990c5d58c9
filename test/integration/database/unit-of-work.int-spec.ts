import { Module } from '@nestjs/common';
import { persistenceUnits } from '../../../src/persistence-units';
import { UnitOfWork } from '../../../src/platform/database/unit-of-work';
import { NO_CONSUMERS } from '../../../src/platform/messaging/subscriptions';
import { PlatformModule } from '../../../src/platform/platform.module';
import { startTestApp, type TestApp } from '../../support/test-app';

@Module({ imports: [PlatformModule.forRoot(persistenceUnits, NO_CONSUMERS)] })
class PlatformOnly {}

describe('UnitOfWork', () => {
  let app: TestApp;
  let unitOfWork: UnitOfWork;
  const table = `test_uow_${process.pid}`;
  const names = async () =>
    (await app.dataSource.query<Array<{ name: string }>>(`SELECT name FROM ${table} ORDER BY id`)).map(
      (row) => row.name,
    );
  /** Gathers names and writes them in one statement before commit, as the timeline does. */
  const owner = {};
  const gather = (name: string) =>
    unitOfWork.collect(owner, name, async (manager, items) => {
      await manager.query(`INSERT INTO ${table} (name) SELECT unnest($1::text[])`, [items]);
    });

  beforeAll(async () => {
    app = await startTestApp(PlatformOnly);
    unitOfWork = app.get(UnitOfWork);
    await app.dataSource.query(`CREATE TABLE ${table} (id serial PRIMARY KEY, name text NOT NULL)`);
  });
  beforeEach(() => app.dataSource.query(`TRUNCATE ${table}`));
  afterAll(async () => {
    await app.dataSource.query(`DROP TABLE IF EXISTS ${table}`);
    await app.close();
  });

  it('writes what was gathered just before commit, and nothing when the transaction rolls back', async () => {
    await unitOfWork.run(async (manager) => {
      gather('a');
      gather('b');
      // Read in the transaction itself: gathered, not yet written.
      expect(await manager.query(`SELECT name FROM ${table}`)).toEqual([]);
    });
    expect(await names()).toEqual(['a', 'b']);

    await expect(
      unitOfWork.run(() => {
        gather('lost');
        return Promise.reject(new Error('rolled back'));
      }),
    ).rejects.toThrow('rolled back');
    expect(await names()).toEqual(['a', 'b']);
  });

  it('drops what a rolled-back savepoint gathered and keeps what came before and after it', async () => {
    const committed: string[] = [];
    await unitOfWork.run(async (manager) => {
      gather('before');
      await expect(
        unitOfWork.savepoint(async () => {
          gather('inside');
          await manager.query(`INSERT INTO ${table} (name) VALUES ('direct-inside')`);
          unitOfWork.afterCommit(() => committed.push('inside'));
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
      gather('after');
      unitOfWork.afterCommit(() => committed.push('after'));
    });
    expect(await names()).toEqual(['before', 'after']);
    expect(committed).toEqual(['after']);
  });

  it('keeps gathering after a savepoint that opened the buffer rolled back', async () => {
    await unitOfWork.run(async () => {
      await expect(
        unitOfWork.savepoint(() => {
          gather('inside');
          return Promise.reject(new Error('refused'));
        }),
      ).rejects.toThrow('refused');
      gather('after');
    });
    expect(await names()).toEqual(['after']);
  });

  it('keeps what a savepoint gathered when its work succeeds', async () => {
    await unitOfWork.run(async () => {
      await unitOfWork.savepoint(() => Promise.resolve(gather('inside')));
    });
    expect(await names()).toEqual(['inside']);
  });
});
