// What PostgreSQL alone does for one payment's SQL on this machine (bench/ceiling, copied from the
// team's shared reference): the ceilings the end-to-end figures are divided by.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { benchServerUrl, freshBenchDatabase } from './bench-database';

const run = promisify(execFile);
const script = (name: string) => resolve(__dirname, 'ceiling', name);

export interface Ceilings {
  /** Transactions per second: one payment each, in one transaction, accounts spread out. */
  readonly single: number;
  /** The same, every payment debiting one account. */
  readonly hot: number;
  /** One payment as six unbatched transactions of an outbox choreography (a payment per "transaction"). */
  readonly choreo: number;
}

/** Host, port and user of BENCH_DATABASE_URL's server (the database name goes last: pgbench's -d is debug). */
function serverArgs(): string[] {
  const url = benchServerUrl();
  return ['-h', url.hostname, '-p', url.port || '5432', '-U', decodeURIComponent(url.username || 'postgres')];
}

async function pgbench(file: string, database: string, seconds: number): Promise<number> {
  const { stdout } = await run(
    'pgbench',
    [
      '-n',
      '-f',
      script(file),
      '-c',
      '16',
      '-j',
      '2',
      '-T',
      String(Math.max(1, Math.round(seconds))),
      ...serverArgs(),
      database,
    ],
    { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
  );
  const tps = Number(/tps = ([\d.]+)/.exec(stdout)?.[1]);
  if (!Number.isFinite(tps)) throw new Error(`pgbench ${file} printed no tps:\n${stdout}`);
  return tps;
}

/** Each script for `seconds` on a fresh database of its own (16 clients, 2 threads, as the reference's README runs them). */
export async function measureCeilings(database: string, seconds: number): Promise<Ceilings> {
  await freshBenchDatabase(database);
  await run('psql', ['-q', '-v', 'ON_ERROR_STOP=1', '-f', script('schema.sql'), ...serverArgs(), database]);
  const single = await pgbench('single.sql', database, seconds);
  const hot = await pgbench('hot.sql', database, seconds);
  const choreo = await pgbench('choreo.sql', database, seconds);
  return { single, hot, choreo };
}
