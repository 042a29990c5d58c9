import { newId } from '../../../src/platform/ids';
import { ApiClient } from '../../support/api-client';
import { eventually } from '../../support/eventually';
import { expectedBalances } from '../../support/expected-balances';
import { startFullApp } from '../../support/full-app';
import type { TestApp } from '../../support/test-app';

const ACCOUNTS = 50;
const PAYMENTS = 500;
const FUNDING = 1_000;
/** Generous: 500 payments on two cores shared with the rest of the suite (the split topology adds a broker hop). */
const LOAD_TIMEOUT_MS = 180_000;

describe('Payments under load', () => {
  let app: TestApp;
  let api: ApiClient;

  beforeAll(async () => {
    app = await startFullApp({ DATABASE_POOL_SIZE: '20', MESSAGING_WORKERS: '4' });
    api = new ApiClient(app.url);
  });
  afterAll(() => app.close());

  it(
    `brings ${PAYMENTS} concurrent payments between ${ACCOUNTS} accounts to a final state, moving money exactly once`,
    async () => {
      const accounts = await Promise.all(Array.from({ length: ACCOUNTS }, () => api.fundedAccount(FUNDING)));
      const ids = accounts.map((a) => a.id);
      // Random pairs and amounts: some payers run dry, so some payments fail for want of funds.
      const bodies = Array.from({ length: PAYMENTS }, (_, i) => {
        const source = ids[i % ACCOUNTS];
        const destination = ids[(i + 1 + Math.floor(Math.random() * (ACCOUNTS - 1))) % ACCOUNTS];
        return {
          sourceAccountId: source,
          destinationAccountId: destination,
          amount: 1 + Math.floor(Math.random() * 300),
        };
      });

      const responses = await Promise.all(bodies.map((body) => api.createPayment(body, newId())));
      expect(responses.map((r) => r.status).filter((s) => s !== 202)).toEqual([]);
      const paymentIds = responses.map((r) => r.body.id as string);

      await eventually(
        async () => {
          const [{ open }] = await app.dataSource.query(
            `SELECT count(*)::int AS open FROM payments.payments WHERE id = ANY($1::uuid[]) AND status NOT IN ('succeeded', 'failed')`,
            [paymentIds],
          );
          expect(open).toBe(0);
        },
        { timeoutMs: LOAD_TIMEOUT_MS - 30_000, intervalMs: 200 },
      );

      const outcomes = await app.dataSource.query<
        Array<{ id: string; status: string; failure_code: string | null; journals: number }>
      >(
        `SELECT p.id, p.status, p.failure_code, (SELECT count(*)::int FROM accounts.journals j WHERE j.reference = p.id::text) AS journals
       FROM payments.payments p WHERE p.id = ANY($1::uuid[])`,
        [paymentIds],
      );
      expect(outcomes).toHaveLength(PAYMENTS);
      for (const outcome of outcomes) {
        if (outcome.status === 'succeeded') expect(outcome.journals).toBe(1);
        else expect(outcome).toMatchObject({ status: 'failed', failure_code: 'INSUFFICIENT_FUNDS', journals: 0 });
      }
      expect(outcomes.some((o) => o.status === 'succeeded')).toBe(true);

      const integrity = await api.integrity();
      expect(integrity).toMatchObject({ ok: true, negativeBalances: [], balanceMismatches: [] });
      const settled = await app.dataSource.query(
        `SELECT status, amount::int, source_account_id AS "sourceAccountId", destination_account_id AS "destinationAccountId"
       FROM payments.payments WHERE id = ANY($1::uuid[])`,
        [paymentIds],
      );
      const balances: Record<string, number> = Object.fromEntries(
        await Promise.all(ids.map(async (id) => [id, await api.balance(id)])),
      );
      expect(balances).toEqual(expectedBalances(ids, FUNDING, settled));
      expect(Math.min(...Object.values(balances))).toBeGreaterThanOrEqual(0);
    },
    LOAD_TIMEOUT_MS,
  );
});
