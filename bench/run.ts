// `npm run bench`: every benchmark and its reference in one run, printed as one table of ratios.
// The machines are shared and noisy, so a figure means something only next to a reference measured
// in the same run: pgbench's ceilings (bench/ceiling), pg-boss for the relay, a bare Fastify + pg
// route for the read path. BENCH_SECONDS (default 10; 5 for a quick run) sets every timed phase;
// BENCH_SKIP=ceilings,pgboss,relay,broker,embedded,payments skips parts; BENCH_DB_PREFIX names the databases.
import { Client } from 'pg';
import { startApp, startServer } from './app-process';
import { benchDatabaseName, benchSeconds, freshBenchDatabase } from './bench-database';
import { runBenchScript } from './bench-child';
import { measureCeilings, type Ceilings } from './ceilings';
import { measureEmbeddedStart, type EmbeddedFigures } from './embedded-start';
import { measurePayments, paymentsOptionsFromEnv, prepareAccounts, type PaymentsFigures } from './payments-load';
import type { PgBossFigures } from './pg-boss-drain';
import { measureReadPath } from './read-path';
import type { RelayFigures } from './relay-throughput';
import type { StreamFigures } from './event-stream';

const skipped = new Set((process.env.BENCH_SKIP ?? '').split(',').filter(Boolean));
const port = Number(process.env.BENCH_PORT ?? 3917);

interface ReadPathFigures {
  readonly app: number;
  readonly bare: number;
}

interface Figures {
  ceilings?: Ceilings;
  pgBoss?: PgBossFigures;
  relay?: RelayFigures;
  stream?: StreamFigures;
  broker?: RelayFigures;
  embedded?: EmbeddedFigures;
  payments?: PaymentsFigures;
  readPath?: ReadPathFigures;
}

async function part<T>(name: string, measure: () => Promise<T>): Promise<T | undefined> {
  if (skipped.has(name)) return undefined;
  const started = Date.now();
  console.log(`--- ${name}`);
  try {
    return await measure();
  } catch (error) {
    // One part failing (a slow machine, a missing tool) leaves its rows empty, not the whole table.
    console.error(`${name} failed:`, error);
    return undefined;
  } finally {
    console.log(`--- ${name}: ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
}

/** The application on a fresh database: the payment phases, then the read path next to the bare route on the same data. */
async function measureApplication(figures: Figures, seconds: number): Promise<void> {
  const options = paymentsOptionsFromEnv();
  const databaseUrl = await freshBenchDatabase(benchDatabaseName('flow'));
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const app = await startApp(port, { DATABASE_URL: databaseUrl });
    let accounts: string[];
    try {
      accounts = await prepareAccounts(app, db, options.accounts);
      figures.payments = await measurePayments(app, db, accounts, options);
      console.log('  read path: application');
      const served = await measureReadPath(app.base, accounts, seconds);
      figures.readPath = { app: served, bare: NaN };
    } finally {
      await app.stop();
    }
    console.log('  read path: bare Fastify + pg route');
    const bare = await startServer({
      args: ['-r', 'ts-node/register', `${__dirname}/bare-accounts-route.ts`],
      port: port + 1,
      env: { DATABASE_URL: databaseUrl, TS_NODE_TRANSPILE_ONLY: 'true' },
    });
    try {
      figures.readPath = { app: figures.readPath.app, bare: await measureReadPath(bare.base, accounts, seconds) };
    } finally {
      await bare.stop();
    }
  } finally {
    await db.end();
  }
}

const rate = (n: number | undefined, unit: string) =>
  n === undefined || !Number.isFinite(n) ? 'n/a' : `${Math.round(n).toLocaleString('en-US')} ${unit}`;
const ms = (n: number | undefined) => (n === undefined || !Number.isFinite(n) ? 'n/a' : `${Math.round(n)} ms`);
const ratio = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined || !Number.isFinite(a / b) ? 'n/a' : `${(a / b).toFixed(2)}×`;

function table(f: Figures): string {
  const p = f.payments;
  const steady = f.relay ? `${f.relay.steadyRate}/s (${Math.round(f.relay.steadyAchievedRate)} made)` : '?';
  const rows: string[][] = [
    [
      'end to end, accounts spread',
      rate(p?.spread.perSecond, 'payments/s'),
      `choreo.sql ${rate(f.ceilings?.choreo, 'tps')}`,
      ratio(p?.spread.perSecond, f.ceilings?.choreo),
      '≥ 1.0×',
    ],
    ['', '', `single.sql ${rate(f.ceilings?.single, 'tps')}`, ratio(p?.spread.perSecond, f.ceilings?.single), '≥ 0.5×'],
    [`created → succeeded p50 at ${p?.steadyRate ?? '?'}/s (half)`, ms(p?.steady.p50Ms), '', '', '≤ 50 ms'],
    [`created → succeeded p99 at ${p?.steadyRate ?? '?'}/s (half)`, ms(p?.steady.p99Ms), '', '', '≤ 150 ms'],
    [
      'hot source account',
      rate(p?.hot.perSecond, 'payments/s'),
      `hot.sql ${rate(f.ceilings?.hot, 'tps')}`,
      ratio(p?.hot.perSecond, f.ceilings?.hot),
      '≥ 0.5×',
    ],
    ['HTTP accepted, POST /v1/payments', rate(p?.httpAcceptedPerSecond, 'req/s'), '', '', ''],
    [
      'relay drain, trivial consumer',
      rate(f.relay?.drainEventsPerSecond, 'events/s'),
      `pg-boss batched ${rate(f.pgBoss?.jobsPerSecond, 'jobs/s')}`,
      ratio(f.relay?.drainEventsPerSecond, f.pgBoss?.jobsPerSecond),
      '≥ 2× (then 3×)',
    ],
    [`relay commit-to-handled p50 at ${steady}`, ms(f.relay?.steadyP50Ms), '', '', ''],
    [`relay commit-to-handled p99 at ${steady}`, ms(f.relay?.steadyP99Ms), '', '', '≤ 10 ms'],
    [
      `stream commit-to-client p99, ${f.stream?.clients ?? '?'} clients at ${f.stream?.rate ?? '?'}/s`,
      ms(f.stream?.stream.p99Ms),
      `p50 ${ms(f.stream?.stream.p50Ms)}`,
      '',
      '',
    ],
    [
      `relay throughput beside ${f.stream?.clients ?? '?'} stream clients`,
      rate(f.stream?.withClients.relayPerSecond, 'events/s'),
      `no client ${rate(f.stream?.withoutClients.relayPerSecond, 'events/s')}`,
      ratio(f.stream?.withClients.relayPerSecond, f.stream?.withoutClients.relayPerSecond),
      '≈ 1.0×',
    ],
    [
      `relay commit-to-handled p99 beside the stream clients`,
      ms(f.stream?.withClients.handledP99Ms),
      `no client ${ms(f.stream?.withoutClients.handledP99Ms)}`,
      '',
      '',
    ],
    [
      'relay drain through RabbitMQ, trivial consumer',
      rate(f.broker?.drainEventsPerSecond, 'events/s'),
      `in-process ${rate(f.relay?.drainEventsPerSecond, 'events/s')}`,
      ratio(f.broker?.drainEventsPerSecond, f.relay?.drainEventsPerSecond),
      '',
    ],
    [
      `RabbitMQ commit-to-handled p50 at ${f.broker?.steadyRate ?? '?'}/s`,
      ms(f.broker?.steadyP50Ms),
      `in-process ${ms(f.relay?.steadyP50Ms)}`,
      '',
      '',
    ],
    [
      `RabbitMQ commit-to-handled p99 at ${f.broker?.steadyRate ?? '?'}/s`,
      ms(f.broker?.steadyP99Ms),
      `in-process ${ms(f.relay?.steadyP99Ms)}`,
      '',
      '',
    ],
    [
      'read path, GET /v1/accounts/:id',
      rate(f.readPath?.app, 'req/s'),
      `bare Fastify + pg ${rate(f.readPath?.bare, 'req/s')}`,
      ratio(f.readPath?.app, f.readPath?.bare),
      '≥ 0.8×',
    ],
    [
      'embedded first start, to ready',
      f.embedded ? `${f.embedded.firstStartSeconds.toFixed(1)} s` : 'n/a',
      '',
      '',
      '≤ 3 s',
    ],
    [
      'embedded RSS at ready (peak)',
      f.embedded
        ? `${Math.round(f.embedded.firstStartRssMiB)} MiB (${Math.round(f.embedded.firstStartPeakMiB)})`
        : 'n/a',
      '',
      '',
      '≤ 400 MiB',
    ],
    [
      'embedded restart on its data',
      f.embedded ? `${f.embedded.restartSeconds.toFixed(1)} s, ${Math.round(f.embedded.restartRssMiB)} MiB` : 'n/a',
      '',
      '',
      '',
    ],
  ];
  const header = ['benchmark', 'figure', 'reference (same run)', 'ratio', 'goal'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function ledgerVerdict(p: PaymentsFigures | undefined): { ok: boolean; text: string } {
  if (!p) return { ok: true, text: 'Ledger: not checked (payments skipped or failed)' };
  const { balanceMismatches, unbalancedJournals, negativeBalances, paymentMismatches } = p.ledger;
  const ok = balanceMismatches + unbalancedJournals + negativeBalances + paymentMismatches === 0;
  const open = p.spread.open + p.steady.open + p.hot.open;
  return {
    ok,
    text:
      `Ledger after the run: ${balanceMismatches} balance mismatches, ${unbalancedJournals} unbalanced journals, ` +
      `${negativeBalances} negative balances, ${paymentMismatches} accounts off their succeeded payments: ` +
      `${ok ? 'OK' : 'BROKEN'}` +
      (open > 0 ? ` (${open} payments were still open when measured)` : ''),
  };
}

async function main(): Promise<void> {
  const seconds = benchSeconds();
  const started = Date.now();
  const figures: Figures = {};
  console.log(`npm run bench: BENCH_SECONDS=${seconds}, databases ${benchDatabaseName('*')}`);
  // Each reference runs right before what it is compared with, so both meet the same load.
  figures.pgBoss = await part('pgboss', () => runBenchScript<PgBossFigures>('pg-boss-drain.ts'));
  figures.relay = await part('relay', () => runBenchScript<RelayFigures>('relay-throughput.ts'));
  figures.stream = await part('stream', () => runBenchScript<StreamFigures>('event-stream.ts'));
  figures.broker = await part('broker', () =>
    runBenchScript<RelayFigures>('relay-throughput.ts', { BENCH_TRANSPORT: 'rabbitmq' }),
  );
  figures.embedded = await part('embedded', () => measureEmbeddedStart(port + 2));
  figures.ceilings = await part('ceilings', () => measureCeilings(benchDatabaseName('ceiling'), seconds));
  await part('payments', () => measureApplication(figures, seconds));

  const verdict = ledgerVerdict(figures.payments);
  console.log(
    `\nBenchmarks (${((Date.now() - started) / 1000).toFixed(0)} s, BENCH_SECONDS=${seconds}); ratios are to references of this run:\n`,
  );
  console.log(table(figures));
  console.log(`\n${verdict.text}`);
  if (!verdict.ok) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
