// What one payment costs, for performance work to start from a count: the built app (dist/main.js)
// settles BENCH_PAYMENTS payments at capacity, and this prints, per settled payment, the commits
// and statements PostgreSQL saw (statements need pg_stat_statements in shared_preload_libraries;
// without it they are left out), the app's socket writes and reads (one write per round trip, or
// per several statements sent together) and the CPU of the app and of PostgreSQL. Then the time
// from created to each step of the flow, one payment at a time and at BENCH_RATE payments/s.
//   npm run build && npm run bench:cost     (BENCH_PAYMENTS=2000, BENCH_RATE=80, BENCH_SECONDS=8)
// Linux only (/proc), and PostgreSQL on this machine (its processes' CPU is read from /proc).
import autocannon from 'autocannon';
import { readdirSync, readFileSync } from 'node:fs';
import { Client } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { apiHeaders } from './api';
import { startApp } from './app-process';
import { benchDatabaseName, freshBenchDatabase, percentile } from './bench-database';
import { runAsScript } from './bench-child';
import { paymentBody, paymentRequest, postPaymentsAtRate, prepareAccounts, spreadPair } from './payments-load';

const TICK_MS = 10; // /proc counts CPU in clock ticks of 10 ms
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function cpuMs(pid: string | number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

function postgresCpuMs(): number {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') total += cpuMs(pid);
    } catch {
      // Gone meanwhile.
    }
  }
  return total;
}

function socketCalls(pid: number): { writes: number; reads: number } {
  const io = readFileSync(`/proc/${pid}/io`, 'utf8');
  return { writes: Number(/syscw: (\d+)/.exec(io)![1]), reads: Number(/syscr: (\d+)/.exec(io)![1]) };
}

async function main(): Promise<object> {
  const payments = Number(process.env.BENCH_PAYMENTS ?? 2000);
  const rate = Number(process.env.BENCH_RATE ?? 80);
  const seconds = Number(process.env.BENCH_SECONDS ?? 8);
  const url = await freshBenchDatabase(benchDatabaseName('cost'));
  const app = await startApp(Number(process.env.BENCH_PORT ?? 3917), { DATABASE_URL: url });
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    // The extension can be created without being loaded; only then does it count anything.
    const { rows: preload } = await db.query<{ loaded: boolean }>(
      `SELECT current_setting('shared_preload_libraries') LIKE '%pg_stat_statements%' AS loaded`,
    );
    const statements =
      preload[0].loaded &&
      (await db.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements').then(
        () => true,
        () => false,
      ));
    const accounts = await prepareAccounts(app, db, 200);
    const pick = spreadPair(accounts);
    const request = (description: string) => paymentRequest(description, pick);
    const openOf = async (description: string) =>
      (
        await db.query<{ open: number }>(
          `SELECT count(*) FILTER (WHERE status NOT IN ('succeeded', 'failed', 'canceled', 'expired'))::int AS open
           FROM payments.payments WHERE description = $1`,
          [description],
        )
      ).rows[0].open;

    // The cost, at capacity.
    await sleep(1000);
    if (statements) await db.query('SELECT pg_stat_statements_reset()');
    const commits = async () =>
      (
        await db.query<{ commits: number }>(
          `SELECT xact_commit::float8 AS commits FROM pg_stat_database WHERE datname = current_database()`,
        )
      ).rows[0].commits;
    // What the app and PostgreSQL spent so far; the difference over a phase, per payment, is its cost.
    const counters = async () => ({
      app: cpuMs(app.pid),
      postgres: postgresCpuMs(),
      io: socketCalls(app.pid),
      commits: await commits(),
    });
    const costSince = async (before: Awaited<ReturnType<typeof counters>>, count: number) => {
      const after = await counters();
      const per = (value: number) => Number((value / count).toFixed(2));
      return {
        commits: per(after.commits - before.commits),
        appSocketWrites: per(after.io.writes - before.io.writes),
        appSocketReads: per(after.io.reads - before.io.reads),
        appCpuMs: per(after.app - before.app),
        postgresCpuMs: per(after.postgres - before.postgres),
      };
    };
    const before = await counters();
    const startedAt = Date.now();
    await autocannon({ url: app.base, connections: 32, amount: payments, requests: [request('cost')] });
    while ((await openOf('cost')) > 0) await sleep(50);
    // Until the last one settled, by the database's clock. Timed to when autocannon returned and the
    // loop above noticed, the runs took whole seconds (7.04, 8.03, 9.05 s for 2,000 payments).
    const { rows: last } = await db.query<{ completed: number }>(
      `SELECT extract(epoch FROM max(completed_at))::float8 * 1000 AS completed FROM payments.payments WHERE description = 'cost'`,
    );
    const elapsed = (last[0].completed - startedAt) / 1000;
    const spent = await costSince(before, payments);
    const calls = statements
      ? Number(
          (
            await db.query<{ calls: string }>(
              `SELECT sum(calls) AS calls FROM pg_stat_statements
               WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
                 AND query NOT LIKE '%pg_stat_statements%'`,
            )
          ).rows[0].calls,
        )
      : null;
    const cost = {
      payments,
      perSecond: Math.round(payments / elapsed),
      ...spent,
      statements: calls === null ? null : Number((calls / payments).toFixed(2)),
    };
    console.log(
      `${payments} payments at capacity: ${cost.perSecond}/s; per payment ${cost.commits} commits, ` +
        `${cost.statements ?? 'n/a (no pg_stat_statements)'} statements, app socket writes ${cost.appSocketWrites} ` +
        `(reads ${cost.appSocketReads}), CPU app ${cost.appCpuMs} ms + PostgreSQL ${cost.postgresCpuMs} ms`,
    );

    // Latency, one payment at a time.
    const alone: number[] = [];
    for (let i = 0; i < 30; i++) {
      const response = await fetch(`${app.base}/v1/payments`, {
        method: 'POST',
        headers: apiHeaders({ 'idempotency-key': uuidv7(), 'content-type': 'application/json' }),
        body: paymentBody('alone', pick()),
      });
      const { id } = (await response.json()) as { id: string };
      for (;;) {
        const { rows } = await db.query<{ status: string; ms: number }>(
          `SELECT status, extract(epoch FROM completed_at - created_at)::float8 * 1000 AS ms FROM payments.payments WHERE id = $1`,
          [id],
        );
        if (rows[0]?.status === 'succeeded') {
          alone.push(rows[0].ms);
          break;
        }
        await sleep(2);
      }
    }
    alone.sort((a, b) => a - b);

    // Latency at a steady rate, step by step: when each event of the flow committed, after created.
    const beforeSteady = await counters();
    const { accepted, refused } = await postPaymentsAtRate(app.base, 'steady', rate, seconds, pick);
    if (refused > 0) console.warn(`  steady: ${refused} payments not accepted`);
    while ((await openOf('steady')) > 0) await sleep(50);
    // Small batches at a steady rate: each payment pays for more transactions than at capacity. The
    // window holds all the two spent meanwhile, idle claims and autovacuum after the capacity phase
    // included: a short phase (a few seconds) overstates it.
    const steadyCost = await costSince(beforeSteady, accepted);
    const { rows: steps } = await db.query<{ step: string; p50: number; p99: number }>(
      `WITH p AS (SELECT id::text AS id, created_at, completed_at FROM payments.payments
                  WHERE description = 'steady' AND status = 'succeeded'),
            steps AS (
              SELECT e.type AS step, extract(epoch FROM e.recorded_at - p.created_at)::float8 * 1000 AS ms
              FROM platform.outbox_events e JOIN p ON e.subject = p.id
              UNION ALL
              SELECT 'completed', extract(epoch FROM completed_at - created_at)::float8 * 1000 FROM p)
       SELECT step, percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50,
              percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99
       FROM steps GROUP BY step ORDER BY p50`,
    );
    console.log(
      `created → succeeded, one at a time: p50 ${percentile(alone, 0.5).toFixed(0)} ms, max ${alone.at(-1)!.toFixed(0)} ms`,
    );
    console.log(
      `at ${rate}/s, per payment ${steadyCost.commits} commits, app socket writes ${steadyCost.appSocketWrites}, ` +
        `CPU app ${steadyCost.appCpuMs} ms + PostgreSQL ${steadyCost.postgresCpuMs} ms; ms after created (p50 / p99):`,
    );
    for (const { step, p50, p99 } of steps)
      console.log(`  ${step.padEnd(20)} ${p50.toFixed(0).padStart(5)} / ${p99.toFixed(0)}`);
    return { cost, alone: { p50Ms: percentile(alone, 0.5) }, steady: { rate, cost: steadyCost, steps } };
  } finally {
    await db.end();
    await app.stop();
  }
}

if (require.main === module) runAsScript(main);
