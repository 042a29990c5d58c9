// Measures whole payments through the running application: HTTP accepted rate, end-to-end
// throughput (created → succeeded through risk, accounts and back), and latency, next to what
// PostgreSQL alone does for the same work in the same run (../shared/reference/ceiling).
//   npm run build && npm run bench:payments     (BENCH_SECONDS, BENCH_CONNECTIONS, BENCH_ACCOUNTS)
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { freshBenchDatabase, percentile } from './bench-database';

const seconds = Number(process.env.BENCH_SECONDS ?? 15);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const accountCount = Number(process.env.BENCH_ACCOUNTS ?? 200);
const port = Number(process.env.BENCH_PORT ?? 3917);
const base = `http://127.0.0.1:${port}`;
const ceilingDir = resolve(__dirname, '../../shared/reference/ceiling');
// The app under test accepts this key as its admin key (ADMIN_API_KEY).
const adminKey = 'sk_bench_admin_key_of_the_benchmark';
const authorization = `Bearer ${adminKey}`;

async function json<T = { id: string }>(
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  const response = await fetch(base + path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', authorization, ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function startApp(databaseUrl: string): Promise<() => void> {
  const main = resolve(__dirname, '../dist/main.js');
  if (!existsSync(main)) throw new Error('dist/main.js is missing: run "npm run build" first');
  const child = spawn(process.execPath, [main], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      LOG_PRETTY: 'false',
      ADMIN_API_KEY: adminKey,
    },
    stdio: 'inherit',
  });
  for (let i = 0; i < 200; i++) {
    try {
      await json('/health/live');
      return () => child.kill('SIGTERM');
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  child.kill('SIGKILL');
  throw new Error('the application did not start');
}

function pgbench(script: string, database: string): number {
  const output = execFileSync(
    'pgbench',
    [
      '-n',
      '-h',
      '127.0.0.1',
      '-U',
      'postgres',
      '-f',
      resolve(ceilingDir, script),
      '-c',
      '16',
      '-j',
      '2',
      '-T',
      '10',
      database,
    ],
    {
      encoding: 'utf8',
    },
  );
  return Number(/tps = ([\d.]+)/.exec(output)?.[1] ?? NaN);
}

async function main(): Promise<void> {
  const databaseUrl = await freshBenchDatabase('payments_bench_flow');
  const stop = await startApp(databaseUrl);
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const accounts: string[] = [];
    for (let i = 0; i < accountCount; i++) {
      const account = await json('/v1/accounts', { name: `bench-${i}`, currency: 'USD' });
      await json(`/v1/accounts/${account.id}/deposits`, { amount: 1_000_000_000 }, { 'idempotency-key': uuidv7() });
      accounts.push(account.id);
    }
    // Accounts must be older than the new-account window for no payment to wait for review.
    await db.query(`UPDATE risk.accounts SET opened_at = now() - interval '30 days'`);

    const paymentRequest = {
      method: 'POST' as const,
      path: '/v1/payments',
      setupRequest: (request: autocannon.Request) => {
        const source = Math.floor(Math.random() * accounts.length);
        const destination = (source + 1 + Math.floor(Math.random() * (accounts.length - 1))) % accounts.length;
        return {
          ...request,
          headers: { 'content-type': 'application/json', authorization, 'idempotency-key': uuidv7() },
          body: JSON.stringify({
            sourceAccountId: accounts[source],
            destinationAccountId: accounts[destination],
            amount: 100,
            currency: 'USD',
          }),
        };
      },
    };
    const settled = async (since: Date) => {
      for (;;) {
        const { rows } = await db.query<{ open: number }>(
          `SELECT count(*)::int AS open FROM payments.payments WHERE status NOT IN ('succeeded', 'failed', 'canceled', 'expired')`,
        );
        if (rows[0].open === 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const { rows } = await db.query<{ status: string; ms: string; completed_at: Date }>(
        `SELECT status, extract(epoch FROM completed_at - created_at) * 1000 AS ms, completed_at FROM payments.payments WHERE created_at >= $1`,
        [since],
      );
      const succeeded = rows.filter((r) => r.status === 'succeeded');
      const durations = succeeded.map((r) => Number(r.ms)).sort((a, b) => a - b);
      const lastCompleted = Math.max(...rows.map((r) => r.completed_at.getTime()));
      return { rows, succeeded, durations, lastCompleted };
    };

    // 1. Capacity: as many payments as 32 connections can post; then everything drains.
    console.log(`Payments benchmark: ${connections} connections for ${seconds} s over ${accountCount} accounts`);
    const started = new Date();
    const result = await autocannon({ url: base, connections, duration: seconds, requests: [paymentRequest] });
    console.log(
      `HTTP: ${result['2xx']} accepted (${Math.round(result.requests.average)} req/s average), non-2xx ${result.non2xx}, ` +
        `latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`,
    );
    const capacity = await settled(started);
    const flowSeconds = (capacity.lastCompleted - started.getTime()) / 1000;
    const endToEnd = capacity.succeeded.length / flowSeconds;
    console.log(
      `End to end: ${capacity.succeeded.length} of ${capacity.rows.length} payments succeeded in ${flowSeconds.toFixed(1)} s = ` +
        `${endToEnd.toFixed(0)} payments/s (created → succeeded includes the queue built up: p50 ${percentile(capacity.durations, 0.5).toFixed(0)} ms)`,
    );

    // 2. Latency at a sustainable rate: half the capacity just measured, for `seconds`.
    const rate = Math.max(1, Math.floor(endToEnd / 2));
    const steadyStart = new Date();
    await autocannon({ url: base, connections: 8, duration: seconds, overallRate: rate, requests: [paymentRequest] });
    const steady = await settled(steadyStart);
    console.log(
      `Steady ${rate} payments/s: ${steady.succeeded.length} succeeded, created → succeeded ` +
        `p50 ${percentile(steady.durations, 0.5).toFixed(0)} ms, p99 ${percentile(steady.durations, 0.99).toFixed(0)} ms`,
    );
    const { rows: integrity } = await db.query<{ mismatches: number }>(
      `SELECT count(*)::int AS mismatches FROM accounts.accounts a
       LEFT JOIN (SELECT account_id, sum(amount) AS total FROM accounts.postings GROUP BY account_id) p ON p.account_id = a.id
       WHERE a.balance <> coalesce(p.total, 0)`,
    );
    console.log(`Ledger: ${integrity[0].mismatches} balance mismatches`);
    stop();

    const ceiling = 'payments_bench_ceiling';
    await freshBenchDatabase(ceiling);
    execFileSync('psql', [
      '-q',
      '-h',
      '127.0.0.1',
      '-U',
      'postgres',
      '-d',
      ceiling,
      '-f',
      resolve(ceilingDir, 'schema.sql'),
    ]);
    const single = pgbench('single.sql', ceiling);
    const choreo = pgbench('choreo.sql', ceiling);
    console.log(
      `PostgreSQL alone (pgbench, same machine, same run): single.sql ${single.toFixed(0)} tps, choreo.sql ${choreo.toFixed(0)} tps`,
    );
    console.log(
      `Ratio: end-to-end payments/s is ${((100 * endToEnd) / single).toFixed(0)}% of the one-transaction ceiling, ` +
        `${((100 * endToEnd) / choreo).toFixed(0)}% of the unbatched-choreography ceiling`,
    );
  } finally {
    await db.end();
    stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
