// The relay's reference: pg-boss 12 draining a backlog with a trivial handler, batched (100 jobs
// a fetch, 4 workers, fetching again at once while batches come back full), on its own database.
//   TS_NODE_TRANSPILE_ONLY=true node -r ts-node/register bench/pg-boss-drain.ts   (BENCH_EVENTS jobs)
import { PgBoss } from 'pg-boss';
import { benchDatabaseName, freshBenchDatabase } from './bench-database';
import { runAsScript } from './bench-child';

export interface PgBossFigures {
  readonly jobs: number;
  readonly jobsPerSecond: number;
}

async function main(): Promise<PgBossFigures> {
  const jobs = Number(process.env.BENCH_EVENTS ?? 20_000);
  const boss = new PgBoss({
    connectionString: await freshBenchDatabase(benchDatabaseName('pgboss')),
    max: 10,
    supervise: false,
    schedule: false,
  });
  boss.on('error', (error) => console.error(error));
  await boss.start();
  const queue = 'bench-trivial';
  await boss.createQueue(queue);
  for (let from = 0; from < jobs; from += 1000) {
    const count = Math.min(1000, jobs - from);
    await boss.insert(
      queue,
      Array.from({ length: count }, (_, i) => ({ data: { n: from + i } })),
    );
  }

  // Statistics for its tables, as the relay's benchmark gathers them for its own (see there).
  await boss.getDb().executeSql('ANALYZE');

  let handled = 0;
  let finished!: () => void;
  const done = new Promise<void>((resolve) => (finished = resolve));
  const started = Date.now();
  await boss.work(
    queue,
    { batchSize: 100, localConcurrency: 4, burstWhenBatchFull: true, pollingIntervalSeconds: 0.5 },
    async (batch) => {
      handled += batch.length;
      if (handled >= jobs) finished();
      return Promise.resolve();
    },
  );
  await done;
  const seconds = (Date.now() - started) / 1000;
  console.log(`pg-boss: ${jobs} jobs in ${seconds.toFixed(2)} s = ${Math.round(jobs / seconds)} jobs/s`);
  await boss.stop({ graceful: false }).catch(() => undefined);
  return { jobs, jobsPerSecond: jobs / seconds };
}

if (require.main === module) runAsScript(main);
