import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { newId } from '../../../src/platform/ids';
import { ApiClient } from '../../support/api-client';
import { spawnNode, type Child } from '../../support/child-process';
import { eventually } from '../../support/eventually';
import { expectedBalances } from '../../support/expected-balances';
import { baseTestEnv } from '../../support/test-env';

const MAIN = resolve(__dirname, '../../../dist/main.js');
const PAYMENTS = 120;

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** The built application (`npm run build`), exactly as `npm start` runs it, in its own process. */
async function startProcess(port: number): Promise<Child> {
  const env = {
    ...baseTestEnv(),
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    LOG_PRETTY: 'false',
    MESSAGING_LEASE_MS: '2000',
  };
  return spawnNode([MAIN], env, 'Serving on', 60_000);
}

describe('A crash in the middle of the flow', () => {
  let child: Child | undefined;
  let db: Client;

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build" first (npm test does)`);
    db = new Client({ connectionString: baseTestEnv().DATABASE_URL });
    await db.connect();
  });
  afterAll(async () => {
    await child?.kill();
    await db.end();
  });

  it('loses no accepted payment and moves no money twice when the process is killed (SIGKILL) and restarted', async () => {
    const port = await freePort();
    const api = new ApiClient(`http://127.0.0.1:${port}`);
    child = await startProcess(port);

    const accounts = await Promise.all(Array.from({ length: 10 }, () => api.fundedAccount(1_000)));
    const ids = accounts.map((a) => a.id);
    const requests = Array.from({ length: PAYMENTS }, (_, i) => ({
      key: newId(),
      body: {
        sourceAccountId: accounts[i % 10].id,
        destinationAccountId: accounts[(i + 1 + (i % 9)) % 10].id,
        amount: 1 + ((i * 37) % 200),
      },
    }));

    // Fire every payment, and kill the process while requests and the event flow are in flight.
    const firstAnswers = requests.map(({ key, body }) =>
      api.createPayment(body, key).then(
        (r) => r.status,
        () => 0,
      ),
    );
    await eventually(
      async () => {
        const [{ count }] = (
          await db.query(
            // As soon as the flow has moved any payment on: consumers settle whole batches at
            // once, so waiting for a success could find every payment finished.
            `SELECT count(*)::int AS count FROM payments.payments WHERE status <> 'pending' AND source_account_id = ANY($1)`,
            [ids],
          )
        ).rows;
        expect(count).toBeGreaterThan(0);
      },
      { intervalMs: 5 },
    );
    await child.kill();
    const statuses = await Promise.all(firstAnswers);
    const accepted = statuses.filter((s) => s === 202).length;
    // The kill did land mid-flow: requests went unanswered, or accepted payments were not finished.
    const [{ unfinished }] = (
      await db.query(
        `SELECT count(*)::int AS unfinished FROM payments.payments WHERE status NOT IN ('succeeded', 'failed') AND source_account_id = ANY($1)`,
        [ids],
      )
    ).rows;
    expect(accepted < PAYMENTS || unfinished > 0).toBe(true);

    child = await startProcess(port);
    // Clients retry what they did not get an answer for, with the same key: the payment is made once.
    const payments = await Promise.all(
      requests.map(({ key, body }) =>
        eventually(
          async () => {
            const response = await api.createPayment(body, key);
            expect(response.status).toBe(202);
            return response.body.id as string;
          },
          { timeoutMs: 20_000, intervalMs: 200 },
        ),
      ),
    );
    expect(new Set(payments).size).toBe(PAYMENTS);
    const finals = await Promise.all(payments.map((id) => api.paymentReaching(id, ['succeeded', 'failed'], 30_000)));

    const journals = (
      await db.query(
        `SELECT reference, count(*)::int AS count FROM accounts.journals WHERE type = 'payment' AND reference = ANY($1::text[]) GROUP BY reference`,
        [payments],
      )
    ).rows as Array<{ reference: string; count: number }>;
    const moved = new Map(journals.map((j) => [j.reference, j.count]));
    for (const payment of finals)
      expect({ id: payment.id, moved: moved.get(payment.id) ?? 0 }).toEqual({
        id: payment.id,
        moved: payment.status === 'succeeded' ? 1 : 0,
      });

    const balances = Object.fromEntries(await Promise.all(ids.map(async (id) => [id, await api.balance(id)])));
    expect(balances).toEqual(expectedBalances(ids, 1_000, finals));
    expect((await api.integrity()).ok).toBe(true);
    expect(accepted).toBeGreaterThan(0);
  });
});
