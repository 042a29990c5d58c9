// Whole payments through the running application (dist/main.js as a child process, over HTTP):
// end-to-end capacity with accounts spread out (created → succeeded through risk and accounts),
// latency at half that rate, capacity when every payment leaves one hot account, and the ledger
// afterwards. `npm run bench` runs it next to the references; alone:
//   npm run build && npm run bench:payments     (BENCH_SECONDS, BENCH_PAYMENTS, BENCH_CONNECTIONS, BENCH_ACCOUNTS)
import autocannon from 'autocannon';
import { Client } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { api, apiHeaders } from './api';
import { startApp, type ServerProcess } from './app-process';
import { benchDatabaseName, benchSeconds, freshBenchDatabase, offerAtRate, percentile } from './bench-database';
import { runAsScript } from './bench-child';

const FUNDING = 1_000_000_000;
const AMOUNT = 100;
/** A phase that settles nothing for this long is reported as it stands instead of waited for. */
const STALL_MS = 60_000;
const TERMINAL = `('succeeded', 'failed', 'canceled', 'expired')`;

export interface PhaseFigures {
  readonly posted: number;
  readonly succeeded: number;
  /** Payments not in a final state when the phase gave up waiting (0 unless the run stalled). */
  readonly open: number;
  /** Succeeded payments per second, from the first request to the last completion. */
  readonly perSecond: number;
  /** Created → succeeded, in ms. */
  readonly p50Ms: number;
  readonly p99Ms: number;
}

export interface LedgerFigures {
  /** Accounts whose balance differs from the sum of their postings. */
  readonly balanceMismatches: number;
  readonly unbalancedJournals: number;
  readonly negativeBalances: number;
  /** Customer accounts whose balance differs from their funding plus what succeeded payments moved. */
  readonly paymentMismatches: number;
}

export interface PaymentsFigures {
  readonly accounts: number;
  readonly httpAcceptedPerSecond: number;
  readonly spread: PhaseFigures;
  readonly steadyRate: number;
  readonly steady: PhaseFigures;
  readonly hot: PhaseFigures;
  readonly ledger: LedgerFigures;
}

export interface PaymentsOptions {
  readonly seconds: number;
  /** Payments posted (as fast as `connections` allow) by each capacity phase. */
  readonly payments: number;
  readonly connections: number;
  readonly accounts: number;
}

export function paymentsOptionsFromEnv(): PaymentsOptions {
  const seconds = benchSeconds();
  return {
    seconds,
    payments: Number(process.env.BENCH_PAYMENTS ?? Math.round(150 * seconds)),
    connections: Number(process.env.BENCH_CONNECTIONS ?? 32),
    accounts: Number(process.env.BENCH_ACCOUNTS ?? 200),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Opens `count` funded accounts, old enough for risk, and rules that let one account pay often (the hot phase). */
export async function prepareAccounts(app: ServerProcess, db: Client, count: number): Promise<string[]> {
  const accounts: string[] = [];
  for (let i = 0; i < count; i += 20) {
    const opened = await Promise.all(
      Array.from({ length: Math.min(20, count - i) }, async (_, j) => {
        const account = await api(app.base, 'POST', '/v1/accounts', { name: `bench-${i + j}`, currency: 'USD' });
        await api(
          app.base,
          'POST',
          `/v1/accounts/${account.id}/deposits`,
          { amount: FUNDING },
          {
            'idempotency-key': uuidv7(),
          },
        );
        return account.id;
      }),
    );
    accounts.push(...opened);
  }
  // Risk learns accounts by event: wait until it knows them all, then age them past the new-account window.
  for (let known = 0; known < count; await sleep(100)) {
    const { rows } = await db.query<{ known: number }>(`SELECT count(*)::int AS known FROM risk.accounts`);
    known = rows[0].known;
  }
  await db.query(`UPDATE risk.accounts SET opened_at = now() - interval '30 days'`);
  const rules = await api<Record<string, unknown> & { velocity: Record<string, unknown> }>(
    app.base,
    'GET',
    '/v1/risk/rules',
  );
  const { maxAmount, velocity, newAccount, scores, thresholds } = rules;
  await api(app.base, 'PUT', '/v1/risk/rules', {
    maxAmount,
    velocity: { ...velocity, maxCount: 1_000_000 },
    newAccount,
    scores,
    thresholds,
  });
  return accounts;
}

/** A payment to post; the description names the phase: what a phase measures is only its own payments. */
export function payment(phase: string, [sourceAccountId, destinationAccountId]: [string, string]) {
  return { sourceAccountId, destinationAccountId, amount: AMOUNT, currency: 'USD', description: phase };
}

/** A payment's body, as JSON. */
export function paymentBody(phase: string, pair: [string, string]): string {
  return JSON.stringify(payment(phase, pair));
}

export function paymentRequest(phase: string, pick: () => [string, string]): autocannon.Request {
  return {
    method: 'POST',
    path: '/v1/payments',
    setupRequest: (request) => ({
      ...request,
      headers: apiHeaders({ 'idempotency-key': uuidv7() }),
      body: paymentBody(phase, pick()),
    }),
  };
}

/**
 * Posts payments at `rate` per second for `seconds`, evenly spread (offerAtRate's publishers, one
 * keep-alive connection each). Not autocannon's overallRate: that sends each connection's share of
 * a second back to back at the start of the second, a burst several times the capacity followed by
 * an idle wait, and the latency it yields is the burst's queue. Resolves with how many were
 * accepted and how many refused.
 */
export async function postPaymentsAtRate(
  base: string,
  phase: string,
  rate: number,
  seconds: number,
  pick: () => [string, string],
): Promise<{ accepted: number; refused: number }> {
  const posted = { accepted: 0, refused: 0 };
  await offerAtRate(rate, Math.round(rate * seconds), () =>
    api(base, 'POST', '/v1/payments', payment(phase, pick()), { 'idempotency-key': uuidv7() }).then(
      () => posted.accepted++,
      () => posted.refused++,
    ),
  );
  return posted;
}

export const spreadPair = (accounts: readonly string[]) => (): [string, string] => {
  const source = Math.floor(Math.random() * accounts.length);
  const destination = (source + 1 + Math.floor(Math.random() * (accounts.length - 1))) % accounts.length;
  return [accounts[source], accounts[destination]];
};

/**
 * Waits until the phase's payments are all final and no more arrive (a request autocannon gave up
 * on may still commit after it returned), then measures them. Never throws for slowness: a phase
 * that stops making progress is reported with its open payments.
 */
async function settle(db: Client, phase: string, startedAt: number): Promise<PhaseFigures> {
  let total = -1;
  let final = -1;
  let unchangedSince = Date.now();
  let progressAt = Date.now();
  let open: number;
  for (;;) {
    const { rows } = await db.query<{ total: number; open: number }>(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE status NOT IN ${TERMINAL})::int AS open
       FROM payments.payments WHERE description = $1`,
      [phase],
    );
    const now = Date.now();
    open = rows[0].open;
    if (rows[0].total !== total) [total, unchangedSince] = [rows[0].total, now];
    if (rows[0].total - open !== final) [final, progressAt] = [rows[0].total - open, now];
    if (open === 0 && now - unchangedSince >= 1000) break;
    if (now - progressAt > STALL_MS) {
      console.warn(
        `  ${phase}: ${open} payments still open after ${STALL_MS / 1000} s without progress; measured as they stand`,
      );
      break;
    }
    await sleep(100);
  }
  const { rows } = await db.query<{ ms: number; completed: number }>(
    `SELECT extract(epoch FROM completed_at - created_at)::float8 * 1000 AS ms,
            extract(epoch FROM completed_at)::float8 * 1000 AS completed
     FROM payments.payments WHERE description = $1 AND status = 'succeeded'`,
    [phase],
  );
  const durations = rows.map((r) => r.ms).sort((a, b) => a - b);
  const lastCompleted = rows.reduce((last, r) => Math.max(last, r.completed), startedAt);
  const seconds = (lastCompleted - startedAt) / 1000;
  return {
    posted: total,
    succeeded: rows.length,
    open,
    perSecond: seconds > 0 ? rows.length / seconds : NaN,
    p50Ms: percentile(durations, 0.5),
    p99Ms: percentile(durations, 0.99),
  };
}

/** `payments` posted as fast as `connections` allow, then drained: the end-to-end capacity. */
async function capacity(
  app: ServerProcess,
  db: Client,
  phase: string,
  options: PaymentsOptions,
  pick: () => [string, string],
): Promise<{ figures: PhaseFigures; acceptedPerSecond: number }> {
  const startedAt = Date.now();
  const result = await autocannon({
    url: app.base,
    connections: options.connections,
    amount: options.payments,
    requests: [paymentRequest(phase, pick)],
  });
  const acceptedPerSecond = result['2xx'] / ((Date.now() - startedAt) / 1000);
  if (result.non2xx > 0 || result.errors > 0) {
    console.warn(`  ${phase}: ${result.non2xx} non-2xx answers, ${result.errors} errors out of ${options.payments}`);
  }
  return { figures: await settle(db, phase, startedAt), acceptedPerSecond };
}

export async function checkLedger(db: Client): Promise<LedgerFigures> {
  const count = async (text: string) => (await db.query<{ n: number }>(text)).rows[0].n;
  return {
    balanceMismatches: await count(
      `SELECT count(*)::int AS n FROM accounts.accounts a
       LEFT JOIN (SELECT account_id, sum(amount) AS total FROM accounts.postings GROUP BY account_id) p ON p.account_id = a.id
       WHERE a.balance <> coalesce(p.total, 0)`,
    ),
    unbalancedJournals: await count(
      `SELECT count(*)::int AS n FROM (
         SELECT j.id FROM accounts.journals j LEFT JOIN accounts.postings p ON p.journal_id = j.id
         GROUP BY j.id HAVING coalesce(sum(p.amount), 0) <> 0 OR count(p.id) < 2) unbalanced`,
    ),
    negativeBalances: await count(
      `SELECT count(*)::int AS n FROM accounts.accounts WHERE balance < 0 AND NOT allow_overdraft`,
    ),
    paymentMismatches: await count(
      `SELECT count(*)::int AS n FROM accounts.accounts a
       LEFT JOIN (
         SELECT account_id, sum(delta) AS moved FROM (
           SELECT source_account_id::uuid AS account_id, -amount AS delta FROM payments.payments WHERE status = 'succeeded'
           UNION ALL
           SELECT destination_account_id::uuid, amount FROM payments.payments WHERE status = 'succeeded'
         ) movements GROUP BY account_id
       ) m ON m.account_id = a.id
       WHERE a.kind = 'customer' AND a.balance <> ${FUNDING} + coalesce(m.moved, 0)`,
    ),
  };
}

/** The three payment phases on an application already serving `accounts`; the ledger is checked after them. */
export async function measurePayments(
  app: ServerProcess,
  db: Client,
  accounts: readonly string[],
  options: PaymentsOptions,
): Promise<PaymentsFigures> {
  console.log(
    `Payments: ${options.payments} per capacity phase over ${accounts.length} accounts, ${options.connections} connections`,
  );
  const spread = await capacity(app, db, 'bench-spread', options, spreadPair(accounts));
  console.log(
    `  spread: ${spread.figures.succeeded}/${spread.figures.posted} succeeded, ${spread.figures.perSecond.toFixed(0)} payments/s ` +
      `(HTTP accepted ${spread.acceptedPerSecond.toFixed(0)} req/s)`,
  );

  // Latency at a sustainable rate: half the capacity just measured.
  const steadyRate = Math.max(
    1,
    Math.floor((Number.isFinite(spread.figures.perSecond) ? spread.figures.perSecond : 2) / 2),
  );
  const steadyStart = Date.now();
  const { refused } = await postPaymentsAtRate(
    app.base,
    'bench-steady',
    steadyRate,
    options.seconds,
    spreadPair(accounts),
  );
  if (refused > 0) console.warn(`  steady: ${refused} payments not accepted`);
  const steady = await settle(db, 'bench-steady', steadyStart);
  console.log(
    `  steady ${steadyRate}/s: created → succeeded p50 ${steady.p50Ms.toFixed(0)} ms, p99 ${steady.p99Ms.toFixed(0)} ms`,
  );

  const [hotSource, ...others] = accounts;
  const hot = await capacity(app, db, 'bench-hot', options, () => [
    hotSource,
    others[Math.floor(Math.random() * others.length)],
  ]);
  console.log(
    `  hot account: ${hot.figures.succeeded}/${hot.figures.posted} succeeded, ${hot.figures.perSecond.toFixed(0)} payments/s`,
  );

  const ledger = await checkLedger(db);
  return {
    accounts: accounts.length,
    httpAcceptedPerSecond: spread.acceptedPerSecond,
    spread: spread.figures,
    steadyRate,
    steady,
    hot: hot.figures,
    ledger,
  };
}

async function main(): Promise<PaymentsFigures> {
  const options = paymentsOptionsFromEnv();
  const databaseUrl = await freshBenchDatabase(benchDatabaseName('flow'));
  const app = await startApp(Number(process.env.BENCH_PORT ?? 3917), { DATABASE_URL: databaseUrl });
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const accounts = await prepareAccounts(app, db, options.accounts);
    const figures = await measurePayments(app, db, accounts, options);
    const { ledger } = figures;
    console.log(
      `Ledger: ${ledger.balanceMismatches} balance mismatches, ${ledger.unbalancedJournals} unbalanced journals, ` +
        `${ledger.negativeBalances} negative balances, ${ledger.paymentMismatches} accounts off their payments`,
    );
    return figures;
  } finally {
    await db.end();
    await app.stop();
  }
}

if (require.main === module) runAsScript(main);
