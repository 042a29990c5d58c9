import type { Schemas } from '../../../client';
import { newId } from '../../../src/platform/ids';
import { api as keyed } from '../../support/api';
import { ApiClient, type PaymentBody } from '../../support/api-client';
import { eventually } from '../../support/eventually';
import { NotificationsApi } from '../../support/notifications/notifications-api';
import { WebhookReceiver } from '../../support/notifications/webhook-receiver';
import { startFullApp } from '../../support/full-app';
import type { TestApp } from '../../support/test-app';

const WINDOW_SECONDS = 3600;

type Entry = Schemas['EntryResponse'];

describe('Holds: authorize now, capture later', () => {
  let app: TestApp;
  let api: ApiClient;

  beforeAll(async () => {
    app = await startFullApp({ PAYMENTS_CAPTURE_WINDOW_SECONDS: String(WINDOW_SECONDS) });
    api = new ApiClient(app.url);
  });
  afterAll(() => app.close());

  const balances = async (accountId: string) =>
    (await api.http().get(`/v1/accounts/${accountId}`).expect(200)).body.balance as {
      available: number;
      pending: number;
    };
  const entries = async (accountId: string, reference: string) =>
    ((await api.http().get(`/v1/accounts/${accountId}/entries`).expect(200)).body.data as Entry[]).filter(
      (entry) => entry.reference === reference,
    );
  const payment = (id: string): Promise<PaymentBody> => api.payment(id);
  const reaching = (id: string, statuses: string[]): Promise<PaymentBody> => api.paymentReaching(id, statuses);
  const capture = (id: string, body: Record<string, unknown> = {}, key?: string) => {
    const request = api.http().post(`/v1/payments/${id}/capture`);
    return (key ? request.set('Idempotency-Key', key) : request).send(body);
  };
  const cancel = (id: string) => api.http().post(`/v1/payments/${id}/cancel`).send();
  const holdRow = async (paymentId: string) =>
    (
      await app.dataSource.query<Array<{ status: string; amount_captured: string; amount_released: string }>>(
        `SELECT status, amount_captured, amount_released FROM accounts.holds WHERE transfer_id = $1`,
        [paymentId],
      )
    )[0];

  /** A manual payment of `amount` from a payer funded with `funding`, once held (requires_capture). */
  async function heldPayment(amount: number, funding = 10_000) {
    const payer = await api.fundedAccount(funding);
    const payee = await api.openAccount();
    const created = await api.createPayment({
      sourceAccountId: payer.id,
      destinationAccountId: payee.id,
      amount,
      captureMethod: 'manual',
    });
    expect(created.status).toBe(202);
    const held = await reaching(created.body.id, ['requires_capture', 'failed']);
    return { payer, payee, payment: held };
  }

  it('holds the money once risk approves: available falls, pending rises, the payment requires_capture', async () => {
    const before = Date.now();
    const { payer, payee, payment: held } = await heldPayment(2_500);
    expect(held).toMatchObject({
      status: 'requires_capture',
      captureMethod: 'manual',
      amountCapturable: 2_500,
      amountCaptured: 0,
      completedAt: null,
    });
    const captureBefore = Date.parse(held.captureBefore!);
    expect(captureBefore).toBeGreaterThanOrEqual(before + WINDOW_SECONDS * 1000);
    expect(captureBefore).toBeLessThanOrEqual(Date.now() + WINDOW_SECONDS * 1000);
    expect(await balances(payer.id)).toEqual({ available: 7_500, pending: 2_500 });
    expect(await balances(payee.id)).toEqual({ available: 0, pending: 0 });
    const listed = await api.http().get('/v1/accounts').query({ limit: 100 }).expect(200);
    expect(listed.body.data.find((a: { id: string }) => a.id === payer.id).balance).toEqual({
      available: 7_500,
      pending: 2_500,
    });
    expect(await entries(payer.id, held.id)).toEqual([
      expect.objectContaining({ type: 'hold', amount: -2_500, balanceAfter: 7_500 }),
    ]);
    const timeline = await api.http().get(`/v1/payments/${held.id}/events`).expect(200);
    expect(timeline.body.data.map((e: { source: string; type: string }) => `${e.source}:${e.type}`)).toEqual([
      'payments:payment.created',
      'risk:risk.assessed',
      'payments:transfer.hold_requested',
      'accounts:transfer.held',
      'payments:payment.authorized',
    ]);
    expect((await api.integrity()).ok).toBe(true);
  });

  it('captures it in full: the money moves to the payee and the payment succeeds with amountCaptured', async () => {
    const { payer, payee, payment: held } = await heldPayment(2_500);
    // No body at all: everything that is capturable.
    const accepted = await api.http().post(`/v1/payments/${held.id}/capture`);
    expect(accepted.status).toBe(202);
    expect(accepted.body).toMatchObject({ status: 'processing', amountCapturable: 0 });

    const done = await reaching(held.id, ['succeeded', 'failed']);
    expect(done).toMatchObject({ status: 'succeeded', amountCaptured: 2_500, amountCapturable: 0 });
    expect(await balances(payer.id)).toEqual({ available: 7_500, pending: 0 });
    expect(await balances(payee.id)).toEqual({ available: 2_500, pending: 0 });
    expect(await entries(payee.id, held.id)).toEqual([
      expect.objectContaining({ type: 'capture', amount: 2_500, balanceAfter: 2_500 }),
    ]);
    expect((await holdRow(held.id)).status).toBe('captured');
    const timeline = await api.http().get(`/v1/payments/${held.id}/events`).expect(200);
    const succeeded = timeline.body.data.find((e: { type: string }) => e.type === 'payment.succeeded');
    expect(succeeded.data).toMatchObject({ amount: 2_500, amountCaptured: 2_500 });
  });

  it('captures part of it, releasing the rest to the payer in the same transaction', async () => {
    const { payer, payee, payment: held } = await heldPayment(2_500);
    expect((await capture(held.id, { amount: 1_000 })).status).toBe(202);

    const done = await reaching(held.id, ['succeeded', 'failed']);
    expect(done).toMatchObject({ status: 'succeeded', amount: 2_500, amountCaptured: 1_000 });
    expect(await balances(payer.id)).toEqual({ available: 9_000, pending: 0 });
    expect(await balances(payee.id)).toEqual({ available: 1_000, pending: 0 });
    expect(await entries(payer.id, held.id)).toEqual([
      expect.objectContaining({ type: 'hold_release', amount: 1_500, balanceAfter: 9_000 }),
      expect.objectContaining({ type: 'hold', amount: -2_500, balanceAfter: 7_500 }),
    ]);
    const [released] = await app.dataSource.query(
      `SELECT count(DISTINCT created_at) AS moments, count(*) AS journals FROM accounts.journals
       WHERE reference = $1 AND type IN ('capture', 'hold_release')`,
      [held.id],
    );
    // One transaction: both journals carry its start time.
    expect(released).toEqual({ moments: '1', journals: '2' });
    expect(await holdRow(held.id)).toEqual({ status: 'captured', amount_captured: '1000', amount_released: '1500' });
    expect((await api.integrity()).ok).toBe(true);
  });

  it('refuses more than authorized (422), a payment not held (409), and a second capture (409)', async () => {
    const { payment: held } = await heldPayment(2_500);
    const tooMuch = await capture(held.id, { amount: 2_501 });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body).toMatchObject({ code: 'PAYMENTS.CAPTURE_EXCEEDS_AUTHORIZED', errors: [{ field: 'amount' }] });
    for (const amount of [0, -5, 1.5, 'ten']) expect((await capture(held.id, { amount })).status).toBe(400);

    expect((await capture(held.id, { amount: 500 })).status).toBe(202);
    const again = await capture(held.id, { amount: 500 });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('PAYMENTS.NOT_CAPTURABLE');
    await reaching(held.id, ['succeeded']);
    expect((await capture(held.id)).body.code).toBe('PAYMENTS.NOT_CAPTURABLE');

    const payer = await api.fundedAccount(1_000);
    const automatic = await api.createPayment({
      sourceAccountId: payer.id,
      destinationAccountId: (await api.openAccount()).id,
      amount: 100,
    });
    await api.paymentReaching(automatic.body.id, ['succeeded']);
    expect((await capture(automatic.body.id)).body).toMatchObject({ status: 409, code: 'PAYMENTS.NOT_CAPTURABLE' });
    expect((await capture(newId())).status).toBe(404);
  });

  it('replays a capture sent again with the same Idempotency-Key, and captures once', async () => {
    const { payee, payment: held } = await heldPayment(2_500);
    const key = newId();
    const first = await capture(held.id, { amount: 700 }, key);
    const second = await capture(held.id, { amount: 700 }, key);
    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    expect(second.headers['idempotent-replayed']).toBe('true');
    await reaching(held.id, ['succeeded']);
    expect(await balances(payee.id)).toEqual({ available: 700, pending: 0 });
  });

  it('cancels a held payment: the hold is voided and the money is available again', async () => {
    const { payer, payment: held } = await heldPayment(2_500);
    const canceled = await cancel(held.id).expect(200);
    expect(canceled.body).toMatchObject({ status: 'canceled', amountCapturable: 0, amountCaptured: 0 });
    await eventually(async () => expect(await balances(payer.id)).toEqual({ available: 10_000, pending: 0 }));
    expect(await entries(payer.id, held.id)).toEqual([
      expect.objectContaining({ type: 'hold_release', amount: 2_500, balanceAfter: 10_000 }),
      expect.objectContaining({ type: 'hold', amount: -2_500 }),
    ]);
    expect((await capture(held.id)).body.code).toBe('PAYMENTS.NOT_CAPTURABLE');
    expect((await holdRow(held.id)).status).toBe('released');
    expect((await api.integrity()).ok).toBe(true);
  });

  it('fails a manual payment the payer cannot cover, as today, leaving no hold behind', async () => {
    const { payer, payment: failed } = await heldPayment(2_500, 1_000);
    expect(failed).toMatchObject({ status: 'failed', failureCode: 'INSUFFICIENT_FUNDS', amountCapturable: 0 });
    expect(await balances(payer.id)).toEqual({ available: 1_000, pending: 0 });
    expect(await holdRow(failed.id)).toBeUndefined();
    expect(await entries(payer.id, failed.id)).toEqual([]);
  });

  it('refunds a partly captured payment up to what was captured, never the uncaptured part', async () => {
    const { payer, payee, payment: held } = await heldPayment(2_500);
    await capture(held.id, { amount: 1_000 }).expect(202);
    await reaching(held.id, ['succeeded']);

    const tooMuch = await api.refund(held.id, { amount: 1_001 });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.code).toBe('PAYMENTS.REFUND_EXCEEDS_REMAINING');
    const all = await api.refund(held.id);
    expect(all.body.amount).toBe(1_000);
    expect(await api.refundReaching(held.id, all.body.id)).toMatchObject({ status: 'succeeded' });
    expect((await payment(held.id)).amountRefunded).toBe(1_000);
    expect((await api.refund(held.id, { amount: 1 })).status).toBe(422);
    expect(await balances(payer.id)).toEqual({ available: 10_000, pending: 0 });
    expect(await balances(payee.id)).toEqual({ available: 0, pending: 0 });
  });

  it('never holds more than the balance has, however many manual payments arrive at once', async () => {
    const payer = await api.fundedAccount(1_000);
    const payee = await api.openAccount();
    const created = await Promise.all(
      Array.from({ length: 12 }, () =>
        api.createPayment({
          sourceAccountId: payer.id,
          destinationAccountId: payee.id,
          amount: 300,
          captureMethod: 'manual',
        }),
      ),
    );
    const finals = await Promise.all(created.map((c) => reaching(c.body.id, ['requires_capture', 'failed'])));
    const held = finals.filter((p) => p.status === 'requires_capture');
    expect(held).toHaveLength(3);
    for (const refused of finals.filter((p) => p.status === 'failed'))
      expect(refused.failureCode).toBe('INSUFFICIENT_FUNDS');
    expect(await balances(payer.id)).toEqual({ available: 100, pending: 900 });

    // An automatic payment spends only what is available.
    const spend = await api.createPayment({ sourceAccountId: payer.id, destinationAccountId: payee.id, amount: 101 });
    expect((await api.paymentReaching(spend.body.id)).failureCode).toBe('INSUFFICIENT_FUNDS');
    // Nor can the account close while money is on hold.
    await api.withdraw(payer.id, 100).then((r) => expect(r.status).toBe(201));
    expect((await api.http().post(`/v1/accounts/${payer.id}/close`).expect(409)).body.code).toBe(
      'ACCOUNTS.ACCOUNT_NOT_EMPTY',
    );
    expect((await api.integrity()).ok).toBe(true);
  });

  it('has exactly one winner when a capture and a cancel race, and moves no money after the void', async () => {
    const runs = await Promise.all(
      Array.from({ length: 10 }, async (_, run) => {
        const { payer, payee, payment: held } = await heldPayment(1_000, 1_000);
        // Sent together, in either order by turns: each wins some runs.
        const [captured, canceled] =
          run % 2 === 0
            ? await Promise.all([capture(held.id), cancel(held.id)])
            : (await Promise.all([cancel(held.id), capture(held.id)])).reverse();
        return { payer, payee, held, captured: captured.status, canceled: canceled.status };
      }),
    );
    for (const run of runs) {
      // Exactly one wins; the other is refused for the state the winner left.
      expect(run.captured === 202 ? run.canceled : run.captured).toBe(409);
      expect([run.captured, run.canceled]).toContainEqual(run.captured === 202 ? 202 : 200);
      const final = await reaching(run.held.id, ['succeeded', 'canceled', 'failed']);
      const payee = await balances(run.payee.id);
      if (run.captured === 202) {
        expect(final.status).toBe('succeeded');
        expect(payee.available).toBe(1_000);
      } else {
        expect(final.status).toBe('canceled');
        await eventually(async () => expect(await balances(run.payer.id)).toEqual({ available: 1_000, pending: 0 }));
        expect(payee.available).toBe(0);
      }
      expect((await holdRow(run.held.id)).status).toBe(run.captured === 202 ? 'captured' : 'released');
    }
    expect((await api.integrity()).ok).toBe(true);
  });

  it("lets only the payee's owner capture: the payer's owner-bound key does not find it", async () => {
    const keyFor = async (ownerId: string) =>
      new ApiClient(
        app.url,
        (
          await keyed(app.url)
            .post('/v1/api-keys')
            .send({ name: ownerId, scopes: ['accounts:write', 'payments:write'], ownerId })
            .expect(201)
        ).body.key as string,
      );
    const [buyer, seller] = [await keyFor(`buyer-${newId()}`), await keyFor(`seller-${newId()}`)];
    const payer = await buyer.fundedAccount(1_000);
    const payee = await seller.openAccount();
    await eventually(async () => {
      const known: unknown[] = await app.dataSource.query(
        `SELECT 1 FROM payments.account_owners WHERE account_id = $1`,
        [payee.id],
      );
      expect(known).toHaveLength(1);
    });
    const created = await buyer.createPayment({
      sourceAccountId: payer.id,
      destinationAccountId: payee.id,
      amount: 400,
      captureMethod: 'manual',
    });
    await reaching(created.body.id, ['requires_capture']);
    const byBuyer = await buyer.http().post(`/v1/payments/${created.body.id}/capture`).send({ amount: 1 });
    expect(byBuyer.body).toMatchObject({ status: 404, code: 'PAYMENTS.PAYMENT_NOT_FOUND' });
    await seller.http().post(`/v1/payments/${created.body.id}/capture`).send({}).expect(202);
    expect(await reaching(created.body.id, ['succeeded'])).toMatchObject({ amountCaptured: 400 });
  });

  it('tells both sides of an authorization in the feed, and sends payment.authorized to webhook endpoints', async () => {
    const notifications = new NotificationsApi(app.url);
    const receiver = await WebhookReceiver.start();
    try {
      const payer = await api.fundedAccount(1_000);
      const payee = await api.openAccount();
      await notifications.createEndpoint({
        url: receiver.url(),
        eventTypes: ['payment.authorized'],
        accountId: payer.id,
      });
      const created = await api.createPayment({
        sourceAccountId: payer.id,
        destinationAccountId: payee.id,
        amount: 300,
        captureMethod: 'manual',
      });
      const held = await reaching(created.body.id, ['requires_capture']);

      const authorizedFor = (accountId: string) =>
        eventually(async () => {
          const { data } = await notifications.feed({ accountId });
          const found = data.find((n) => n.type === 'payment.authorized');
          if (!found) throw new Error(`no payment.authorized notification for ${accountId} yet`);
          return found;
        });
      expect(await authorizedFor(payer.id)).toMatchObject({
        title: 'Payment authorized',
        data: { paymentId: held.id, role: 'payer' },
      });
      expect((await authorizedFor(payee.id)).data).toMatchObject({ paymentId: held.id, role: 'payee' });
      const webhook = await eventually(() => {
        expect(receiver.received).toHaveLength(1);
        return JSON.parse(receiver.received[0].body) as { type: string; data: Record<string, unknown> };
      });
      expect(webhook).toMatchObject({
        type: 'payment.authorized',
        data: { paymentId: held.id, amountCapturable: 300, captureBefore: held.captureBefore },
      });
    } finally {
      await notifications.deleteCreatedEndpoints();
      await receiver.close();
    }
  });

  it('counts a manual payment toward velocity once: its authorization and its capture add nothing', async () => {
    const { updatedAt: _, ...defaults } = (await api.http().get('/v1/risk/rules').expect(200)).body;
    const velocity = { windowSeconds: 3600, maxCount: 2, maxSum: { default: null, perCurrency: {} } };
    await api
      .http()
      .put('/v1/risk/rules')
      .send({ ...defaults, velocity })
      .expect(200);
    try {
      const { payer, payee, payment: held } = await heldPayment(100);
      await capture(held.id).expect(202);
      await reaching(held.id, ['succeeded']);
      const pay = async () =>
        (
          await api.paymentReaching(
            (await api.createPayment({ sourceAccountId: payer.id, destinationAccountId: payee.id, amount: 10 })).body
              .id,
          )
        ).status;
      // The held payment was the first of two allowed: one more goes through, the next is over the limit.
      expect(await pay()).toBe('succeeded');
      expect(await pay()).toBe('failed');
    } finally {
      await api.http().put('/v1/risk/rules').send(defaults).expect(200);
    }
  });
});
