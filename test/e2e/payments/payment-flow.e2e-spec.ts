import { newId } from '../../../src/platform/ids';
import { RelayService } from '../../../src/platform/messaging/relay/relay.service';

import { ApiClient } from '../../support/api-client';
import { startFullApp } from '../../support/full-app';
import type { TestApp } from '../../support/test-app';

describe('Payments: the flow, end to end over HTTP', () => {
  let app: TestApp;
  let api: ApiClient;

  beforeAll(async () => {
    app = await startFullApp();
    api = new ApiClient(app.url);
  });
  afterAll(() => app.close());

  it('succeeds, moving both balances exactly once', async () => {
    const payer = await api.fundedAccount(10_000);
    const payee = await api.openAccount();
    const created = await api.createPayment({
      sourceAccountId: payer.id,
      destinationAccountId: payee.id,
      amount: 2_500,
      description: 'Rent',
    });
    expect(created.status).toBe(202);
    expect(created.body).toMatchObject({
      status: 'pending',
      amount: 2_500,
      currency: 'USD',
      amountRefunded: 0,
      failureCode: null,
      risk: null,
    });

    const payment = await api.paymentReaching(created.body.id);
    expect(payment).toMatchObject({
      status: 'succeeded',
      failureCode: null,
      risk: { decision: 'approve', score: 0, reasons: [] },
      completedAt: expect.any(String),
    });
    expect(await api.balance(payer.id)).toBe(7_500);
    expect(await api.balance(payee.id)).toBe(2_500);
    const entries = await api.http().get(`/v1/accounts/${payee.id}/entries`).expect(200);
    expect(entries.body.data.filter((e: { reference: string }) => e.reference === payment.id)).toHaveLength(1);
  });

  it('keeps a timeline of every event about the payment, in order, with one correlation id', async () => {
    const payer = await api.fundedAccount(1_000);
    const payee = await api.openAccount();
    const created = await api
      .http()
      .post('/v1/payments')
      .set('Idempotency-Key', newId())
      .set('X-Request-Id', 'support-ticket-77')
      .send({ sourceAccountId: payer.id, destinationAccountId: payee.id, amount: 100, currency: 'USD' })
      .expect(202);
    await api.paymentReaching(created.body.id);

    const timeline = await api.http().get(`/v1/payments/${created.body.id}/events`).expect(200);
    expect(timeline.body.data.map((e: { type: string; source: string }) => `${e.source}:${e.type}`)).toEqual([
      'payments:payment.created',
      'risk:risk.assessed',
      'payments:transfer.requested',
      'accounts:transfer.succeeded',
      'payments:payment.succeeded',
    ]);
    for (const event of timeline.body.data) {
      expect(event).toMatchObject({ correlationId: 'support-ticket-77', occurredAt: expect.any(String), version: 1 });
    }
  });

  it.each([
    [
      'INSUFFICIENT_FUNDS',
      async (api: ApiClient) => ({
        sourceAccountId: (await api.fundedAccount(100)).id,
        destinationAccountId: (await api.openAccount()).id,
        amount: 101,
      }),
    ],
    [
      'ACCOUNT_FROZEN',
      async (api: ApiClient) => {
        const payee = await api.openAccount();
        await api.http().post(`/v1/accounts/${payee.id}/freeze`).expect(200);
        return { sourceAccountId: (await api.fundedAccount(500)).id, destinationAccountId: payee.id, amount: 100 };
      },
    ],
    [
      'CURRENCY_MISMATCH',
      async (api: ApiClient) => ({
        sourceAccountId: (await api.fundedAccount(500)).id,
        destinationAccountId: (await api.openAccount({ currency: 'EUR' })).id,
        amount: 100,
      }),
    ],
    [
      'ACCOUNT_NOT_FOUND',
      async (api: ApiClient) => ({
        sourceAccountId: (await api.fundedAccount(500)).id,
        destinationAccountId: newId(),
        amount: 100,
      }),
    ],
    [
      'ACCOUNT_CLOSED',
      async (api: ApiClient) => {
        const payee = await api.openAccount();
        await api.http().post(`/v1/accounts/${payee.id}/close`).expect(200);
        return { sourceAccountId: (await api.fundedAccount(500)).id, destinationAccountId: payee.id, amount: 100 };
      },
    ],
  ])('fails with %s, and no money moves', async (failureCode, setUp) => {
    const body = await setUp(api);
    const before = await api.balance(body.sourceAccountId);
    const created = await api.createPayment(body);
    expect(created.status).toBe(202);
    const payment = await api.paymentReaching(created.body.id);
    expect(payment).toMatchObject({ status: 'failed', failureCode, failureMessage: expect.any(String) });
    expect(await api.balance(body.sourceAccountId)).toBe(before);
  });

  it('refuses invalid input with 400 and field errors', async () => {
    const account = await api.openAccount();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ sourceAccountId: account.id, destinationAccountId: account.id, amount: 1 }, 'destinationAccountId'],
      [{ sourceAccountId: account.id, destinationAccountId: newId(), amount: 0 }, 'amount'],
      [{ sourceAccountId: account.id, destinationAccountId: newId(), amount: 12.5 }, 'amount'],
      [{ sourceAccountId: account.id, destinationAccountId: newId(), amount: 10, currency: 'usd' }, 'currency'],
      [{ destinationAccountId: newId(), amount: 10 }, 'sourceAccountId'],
      [{ sourceAccountId: account.id, destinationAccountId: newId(), amount: 10, surprise: 1 }, 'surprise'],
    ];
    for (const [body, field] of cases) {
      const response = await api.createPayment(body);
      expect(response.status).toBe(400);
      expect(response.body.errors).toContainEqual(expect.objectContaining({ field }));
    }
    const same = await api.createPayment({ sourceAccountId: account.id, destinationAccountId: account.id, amount: 1 });
    expect(same.body.code).toBe('PAYMENTS.SAME_ACCOUNT');
    expect(
      (
        await api
          .http()
          .post('/v1/payments')
          .send({ sourceAccountId: 'a', destinationAccountId: 'b', amount: 1, currency: 'USD' })
      ).body.code,
    ).toBe('IDEMPOTENCY.KEY_REQUIRED');
  });

  it('takes account ids in any case', async () => {
    const payer = await api.fundedAccount(1_000);
    const payee = await api.openAccount();
    const same = await api.createPayment({
      sourceAccountId: payer.id,
      destinationAccountId: payer.id.toUpperCase(),
      amount: 1,
    });
    expect(same.body).toMatchObject({ status: 400, code: 'PAYMENTS.SAME_ACCOUNT' });
    const created = await api.createPayment({
      sourceAccountId: payer.id.toUpperCase(),
      destinationAccountId: payee.id.toUpperCase(),
      amount: 10,
    });
    expect(created.body).toMatchObject({ sourceAccountId: payer.id, destinationAccountId: payee.id });
    expect((await api.paymentReaching(created.body.id)).status).toBe('succeeded');
    expect(await api.balance(payee.id)).toBe(10);
  });

  it('replays the payment POST for the same key, and pays once', async () => {
    const payer = await api.fundedAccount(1_000);
    const payee = await api.openAccount();
    const key = newId();
    const body = { sourceAccountId: payer.id, destinationAccountId: payee.id, amount: 300 };
    const first = await api.createPayment(body, key);
    const second = await api.createPayment(body, key);
    expect(second.status).toBe(202);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.body.id).toBe(first.body.id);
    await api.paymentReaching(first.body.id);
    expect(await api.balance(payer.id)).toBe(700);
    const listed = await api.http().get('/v1/payments').query({ accountId: payer.id }).expect(200);
    expect(listed.body.data).toHaveLength(1);
  });

  it('cancels a payment waiting for review, and refuses to cancel one whose money moved', async () => {
    const payer = await api.fundedAccount(50_000_000);
    const payee = await api.openAccount();
    // Over the limit for new accounts: held for review.
    const held = await api.createPayment({
      sourceAccountId: payer.id,
      destinationAccountId: payee.id,
      amount: 20_000_000,
    });
    await api.paymentReaching(held.body.id, ['requires_review']);
    const canceled = await api.http().post(`/v1/payments/${held.body.id}/cancel`).expect(200);
    expect(canceled.body).toMatchObject({ status: 'canceled', completedAt: expect.any(String) });

    const paid = await api.createPayment({ sourceAccountId: payer.id, destinationAccountId: payee.id, amount: 100 });
    await api.paymentReaching(paid.body.id, ['succeeded']);
    const refused = await api.http().post(`/v1/payments/${paid.body.id}/cancel`).expect(409);
    expect(refused.body.code).toBe('PAYMENTS.NOT_CANCELABLE');
    expect(await api.balance(payer.id)).toBe(50_000_000 - 100);
  });

  it('cancels a pending payment before risk has looked at it', async () => {
    // With the relay stopped, the payment stays pending until we cancel it.
    const relay = app.get(RelayService);

    await relay.stop();
    try {
      const payer = await api.fundedAccount(1_000);
      const payee = await api.openAccount();
      const created = await api.createPayment({
        sourceAccountId: payer.id,
        destinationAccountId: payee.id,
        amount: 100,
      });
      expect((await api.http().post(`/v1/payments/${created.body.id}/cancel`).expect(200)).body.status).toBe(
        'canceled',
      );
    } finally {
      relay.start();
    }
  });

  it('lists payments by account and status, and answers 404 for an unknown one', async () => {
    const payer = await api.fundedAccount(1_000);
    const payee = await api.openAccount();
    const ok = await api.createPayment({ sourceAccountId: payer.id, destinationAccountId: payee.id, amount: 100 });
    const poor = await api.createPayment({ sourceAccountId: payer.id, destinationAccountId: payee.id, amount: 5_000 });
    await api.paymentReaching(ok.body.id);
    await api.paymentReaching(poor.body.id);

    const byPayee = await api.http().get('/v1/payments').query({ accountId: payee.id }).expect(200);
    expect(byPayee.body.data.map((p: { id: string }) => p.id)).toEqual([poor.body.id, ok.body.id]);
    const failed = await api.http().get('/v1/payments').query({ accountId: payer.id, status: 'failed' }).expect(200);
    expect(failed.body.data.map((p: { id: string }) => p.id)).toEqual([poor.body.id]);
    const future = await api
      .http()
      .get('/v1/payments')
      .query({ accountId: payer.id, createdFrom: '2100-01-01T00:00:00Z' })
      .expect(200);
    expect(future.body.data).toEqual([]);
    for (const createdFrom of ['yesterday', '2026-W01', '20261101', '2026-13-45']) {
      await api.http().get('/v1/payments').query({ createdFrom }).expect(400);
    }
    expect((await api.http().get(`/v1/payments/${newId()}`).expect(404)).body.code).toBe('PAYMENTS.PAYMENT_NOT_FOUND');
  });
});
