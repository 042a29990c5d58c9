import { ApiClient } from '../../support/api-client';
import { eventually } from '../../support/eventually';
import { startFullApp } from '../../support/full-app';
import type { TestApp } from '../../support/test-app';

const WINDOW_SECONDS = 2;

/** Holds with a short capture window: the deadline voids them, and captures race it. */
describe('Holds: the capture deadline', () => {
  let app: TestApp;
  let api: ApiClient;

  beforeAll(async () => {
    app = await startFullApp({
      PAYMENTS_CAPTURE_WINDOW_SECONDS: String(WINDOW_SECONDS),
      PAYMENTS_EXPIRY_INTERVAL_MS: '50',
    });
    api = new ApiClient(app.url);
  });
  afterAll(() => app.close());

  const balances = async (accountId: string) =>
    (await api.http().get(`/v1/accounts/${accountId}`).expect(200)).body.balance as {
      available: number;
      pending: number;
    };
  const capture = (id: string) => api.http().post(`/v1/payments/${id}/capture`).send({});
  const manualPayment = async (sourceAccountId: string, destinationAccountId: string, amount: number) => {
    const created = await api.createPayment({ sourceAccountId, destinationAccountId, amount, captureMethod: 'manual' });
    expect(created.status).toBe(202);
    return created.body.id as string;
  };

  it('voids a hold not captured by captureBefore: the money is available again and the payment expires', async () => {
    const payer = await api.fundedAccount(1_000);
    const payee = await api.openAccount();
    const id = await manualPayment(payer.id, payee.id, 600);
    const held = await api.paymentReaching(id, ['requires_capture']);
    expect(await balances(payer.id)).toEqual({ available: 400, pending: 600 });

    const expired = await api.paymentReaching(id, ['expired', 'succeeded', 'failed']);
    expect(expired).toMatchObject({
      status: 'expired',
      failureCode: 'EXPIRED',
      amountCapturable: 0,
      amountCaptured: 0,
    });
    expect(Date.parse(expired.completedAt!)).toBeGreaterThan(Date.parse(held.captureBefore!));
    await eventually(async () => expect(await balances(payer.id)).toEqual({ available: 1_000, pending: 0 }));
    expect(await balances(payee.id)).toEqual({ available: 0, pending: 0 });
    expect((await capture(id)).body).toMatchObject({ status: 409, code: 'PAYMENTS.NOT_CAPTURABLE' });

    // The release's answer reaches the payment's timeline by event, after the balance moved.
    await eventually(async () => {
      const timeline = await api.http().get(`/v1/payments/${id}/events`).expect(200);
      expect(timeline.body.data.map((e: { type: string }) => e.type).slice(-3)).toEqual([
        'transfer.release_requested',
        'payment.expired',
        'transfer.released',
      ]);
    });
    const [hold] = await app.dataSource.query(
      `SELECT status, release_reason FROM accounts.holds WHERE transfer_id = $1`,
      [id],
    );
    expect(hold).toEqual({ status: 'released', release_reason: 'EXPIRED' });
  });

  it('has one winner in 100 races of a capture against the deadline: never both, and no money after a void', async () => {
    const RUNS = 100;
    const AMOUNT = 100;
    const pairs = await Promise.all(
      Array.from({ length: 4 }, async () => ({
        payer: await api.fundedAccount(100_000),
        payee: await api.openAccount(),
      })),
    );
    const ids = await Promise.all(
      Array.from({ length: RUNS }, (_, run) => {
        const { payer, payee } = pairs[run % pairs.length];
        return manualPayment(payer.id, payee.id, AMOUNT);
      }),
    );
    // Each capture is sent at a time of its own around its payment's captureBefore: most within
    // a few milliseconds of it (a real race with the expiry job), some well before, some after.
    const offsetOf = (run: number) => (run % 4 === 0 ? -700 : run % 4 === 1 ? 300 : (run % 50) - 40);
    const answers = new Map<string, number>();
    const scheduled = new Set<string>();
    const sent: Array<Promise<void>> = [];
    await eventually(
      async () => {
        const rows: Array<{ id: string; status: string; capture_before: Date | null }> = await app.dataSource.query(
          `SELECT id, status, capture_before FROM payments.payments WHERE id = ANY($1::uuid[])`,
          [ids],
        );
        for (const row of rows) {
          if (scheduled.has(row.id) || !row.capture_before) continue;
          scheduled.add(row.id);
          const at = row.capture_before.getTime() + offsetOf(ids.indexOf(row.id));
          sent.push(
            new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, at - Date.now()))).then(async () => {
              answers.set(row.id, (await capture(row.id)).status);
            }),
          );
        }
        expect(scheduled.size).toBe(RUNS);
      },
      { timeoutMs: 20_000, intervalMs: 10 },
    );
    await Promise.all(sent);

    const finals = await eventually(
      async () => {
        const rows: Array<{ id: string; status: string; amount_captured: string }> = await app.dataSource.query(
          `SELECT id, status, amount_captured FROM payments.payments WHERE id = ANY($1::uuid[])`,
          [ids],
        );
        expect(rows.filter((r) => r.status === 'succeeded' || r.status === 'expired')).toHaveLength(RUNS);
        return rows;
      },
      { timeoutMs: 20_000 },
    );
    // Accounts settles each hold after the payment's outcome (it is asked by event): wait for all of them.
    const settlements = await eventually(async () => {
      const rows: Array<{ reference: string; captures: string; releases: string; status: string }> =
        await app.dataSource.query(
          `SELECT h.reference, h.status,
                count(*) FILTER (WHERE j.type = 'capture') AS captures,
                count(*) FILTER (WHERE j.type = 'hold_release') AS releases
         FROM accounts.holds h JOIN accounts.journals j ON j.reference = h.reference
         WHERE h.reference = ANY($1) GROUP BY h.reference, h.status`,
          [ids],
        );
      expect(rows.filter((r) => r.status !== 'open')).toHaveLength(RUNS);
      return rows;
    });
    const settled = new Map(settlements.map((s) => [s.reference, s]));
    for (const payment of finals) {
      const answer = answers.get(payment.id);
      const hold = settled.get(payment.id);
      if (payment.status === 'succeeded') {
        expect({ id: payment.id, answer, captured: payment.amount_captured, hold }).toEqual({
          id: payment.id,
          answer: 202,
          captured: String(AMOUNT),
          hold: { reference: payment.id, status: 'captured', captures: '1', releases: '0' },
        });
      } else {
        expect({ id: payment.id, answer, hold }).toEqual({
          id: payment.id,
          answer: 409,
          hold: { reference: payment.id, status: 'released', captures: '0', releases: '1' },
        });
      }
    }
    const won = finals.filter((p) => p.status === 'succeeded').length;
    // The captures sent well before their deadline win, those well after lose.
    expect(won).toBeGreaterThan(0);
    expect(won).toBeLessThan(RUNS);

    const pairOf = (paymentId: string) => pairs[ids.indexOf(paymentId) % pairs.length];
    for (const pair of pairs) {
      const { payer, payee } = pair;
      const paid = finals.filter((p) => p.status === 'succeeded' && pairOf(p.id) === pair).length;
      await eventually(async () => {
        expect(await balances(payer.id)).toEqual({ available: 100_000 - paid * AMOUNT, pending: 0 });
      });
      expect(await balances(payee.id)).toEqual({ available: paid * AMOUNT, pending: 0 });
    }
    expect((await api.integrity()).ok).toBe(true);
  });
});
