import { newId } from '../../../src/platform/ids';
import { ApiClient } from '../../support/api-client';
import { startFullApp } from '../../support/full-app';
import type { TestApp } from '../../support/test-app';

describe('Payments judged by risk', () => {
  let app: TestApp;
  let api: ApiClient;
  let defaults: Record<string, unknown>;

  beforeAll(async () => {
    app = await startFullApp();
    api = new ApiClient(app.url);
    defaults = (await api.http().get('/v1/risk/rules').expect(200)).body;
  });
  afterEach(async () => {
    const { updatedAt: _, ...rules } = defaults;
    await api.http().put('/v1/risk/rules').send(rules).expect(200);
  });
  afterAll(() => app.close());

  async function pay(amount: number, payerBalance = amount) {
    const payer = await api.fundedAccount(payerBalance);
    const payee = await api.openAccount();
    const created = await api.createPayment({ sourceAccountId: payer.id, destinationAccountId: payee.id, amount });
    expect(created.status).toBe(202);
    return { payer, payee, paymentId: created.body.id as string };
  }

  it('rejects a payment over the amount limit, and moves nothing', async () => {
    const limit = (defaults.maxAmount as { default: number }).default;
    const { payer, paymentId } = await pay(limit + 1);
    const payment = await api.paymentReaching(paymentId);
    expect(payment).toMatchObject({
      status: 'failed',
      failureCode: 'RISK_REJECTED',
      risk: { decision: 'reject', score: 100, reasons: expect.arrayContaining(['MAX_AMOUNT']) },
    });
    expect(await api.balance(payer.id)).toBe(limit + 1);

    const assessments = await api.http().get('/v1/risk/assessments').query({ paymentId }).expect(200);
    expect(assessments.body.data).toEqual([
      expect.objectContaining({
        paymentId,
        decision: 'reject',
        reasons: expect.arrayContaining([expect.objectContaining({ code: 'MAX_AMOUNT', score: 100 })]),
      }),
    ]);
    const one = await api.http().get(`/v1/risk/assessments/${assessments.body.data[0].id}`).expect(200);
    expect(one.body.id).toBe(assessments.body.data[0].id);
    await api.http().get(`/v1/risk/assessments/${newId()}`).expect(404);
  });

  it('rejects payments to a blocklisted account until it is removed', async () => {
    const payer = await api.fundedAccount(1_000);
    const payee = await api.openAccount();
    const entry = await api
      .http()
      .post('/v1/risk/blocklist')
      .send({ accountId: payee.id, reason: 'Mule account' })
      .expect(201);
    expect(entry.body).toMatchObject({ accountId: payee.id, reason: 'Mule account' });
    await api.http().post('/v1/risk/blocklist').send({ accountId: payee.id }).expect(200); // already there
    const listed = await api.http().get('/v1/risk/blocklist').expect(200);
    expect(listed.body.data.map((e: { accountId: string }) => e.accountId)).toContain(payee.id);

    const blocked = await api.createPayment({ sourceAccountId: payer.id, destinationAccountId: payee.id, amount: 100 });
    expect(await api.paymentReaching(blocked.body.id)).toMatchObject({
      status: 'failed',
      failureCode: 'RISK_REJECTED',
      risk: { reasons: ['BLOCKLISTED_ACCOUNT'] },
    });

    await api.http().delete(`/v1/risk/blocklist/${payee.id}`).expect(204);
    await api.http().delete(`/v1/risk/blocklist/${payee.id}`).expect(404);
    const allowed = await api.createPayment({ sourceAccountId: payer.id, destinationAccountId: payee.id, amount: 100 });
    expect((await api.paymentReaching(allowed.body.id)).status).toBe('succeeded');
  });

  it('rejects a payment over the velocity limit', async () => {
    const { updatedAt: _, ...rules } = defaults;
    const velocity = { windowSeconds: 3600, maxCount: 2, maxSum: { default: null, perCurrency: {} } };
    await api
      .http()
      .put('/v1/risk/rules')
      .send({ ...rules, velocity })
      .expect(200);

    const payer = await api.fundedAccount(1_000);
    const payee = await api.openAccount();
    const statuses: string[] = [];
    for (let i = 0; i < 3; i++) {
      const created = await api.createPayment({
        sourceAccountId: payer.id,
        destinationAccountId: payee.id,
        amount: 10,
      });
      statuses.push((await api.paymentReaching(created.body.id)).status);
    }
    expect(statuses).toEqual(['succeeded', 'succeeded', 'failed']);
    const [last] = (await api.http().get('/v1/payments').query({ accountId: payer.id, limit: 1 }).expect(200)).body
      .data;
    expect(last).toMatchObject({ failureCode: 'RISK_REJECTED', risk: { reasons: ['VELOCITY_COUNT'] } });
  });

  it('holds the velocity limit under concurrent payments from one account', async () => {
    const { updatedAt: _, ...rules } = defaults;
    const velocity = { windowSeconds: 3600, maxCount: 3, maxSum: { default: null, perCurrency: {} } };
    await api
      .http()
      .put('/v1/risk/rules')
      .send({ ...rules, velocity })
      .expect(200);

    const payer = await api.fundedAccount(10_000);
    const payee = await api.openAccount();
    const created = await Promise.all(
      Array.from({ length: 20 }, () =>
        api.createPayment({ sourceAccountId: payer.id, destinationAccountId: payee.id, amount: 10 }),
      ),
    );
    const finals = await Promise.all(created.map((r) => api.paymentReaching(r.body.id)));
    expect(finals.filter((p) => p.status === 'succeeded')).toHaveLength(3);
    expect(await api.balance(payee.id)).toBe(30);
  });

  it('holds a large payment from a new account for review; approved, it succeeds', async () => {
    const newAccountLimit = (defaults.newAccount as { maxAmount: { default: number } }).maxAmount.default;
    const { payee, paymentId } = await pay(newAccountLimit + 1);
    const held = await api.paymentReaching(paymentId, ['requires_review']);
    expect(held.risk).toMatchObject({ decision: 'review', score: 50, reasons: ['NEW_ACCOUNT_LIMIT'], review: null });

    const reviews = await api.http().get('/v1/risk/reviews').query({ limit: 100 }).expect(200);
    expect(reviews.body.data.map((r: { paymentId: string }) => r.paymentId)).toContain(paymentId);

    const approve = () =>
      api
        .http()
        .post(`/v1/risk/reviews/${paymentId}/approve`)
        .set('Idempotency-Key', `approve-${paymentId}`)
        .send({ note: 'Called the customer' })
        .expect(200);
    const approved = await approve();
    expect(approved.body.review).toMatchObject({ status: 'approved', note: 'Called the customer' });
    // A retried approval (a timeout on the operator's side) gets the same answer, not a conflict.
    const retried = await approve();
    expect(retried.headers['idempotent-replayed']).toBe('true');
    expect(retried.body).toEqual(approved.body);
    const payment = await api.paymentReaching(paymentId);
    expect(payment).toMatchObject({
      status: 'succeeded',
      risk: { review: { decision: 'approve', note: 'Called the customer' } },
    });
    expect(await api.balance(payee.id)).toBe(newAccountLimit + 1);

    const after = await api.http().get('/v1/risk/reviews').query({ limit: 100 }).expect(200);
    expect(after.body.data.map((r: { paymentId: string }) => r.paymentId)).not.toContain(paymentId);
    const again = await api.http().post(`/v1/risk/reviews/${paymentId}/reject`).send({}).expect(409);
    expect(again.body.code).toBe('RISK.REVIEW_NOT_PENDING');
  });

  it('holds a payment for review; rejected, it fails and moves nothing', async () => {
    const newAccountLimit = (defaults.newAccount as { maxAmount: { default: number } }).maxAmount.default;
    const { payer, paymentId } = await pay(newAccountLimit + 1);
    await api.paymentReaching(paymentId, ['requires_review']);
    await api.http().post(`/v1/risk/reviews/${paymentId}/reject`).send({ note: 'Not the usual payee' }).expect(200);
    expect(await api.paymentReaching(paymentId)).toMatchObject({ status: 'failed', failureCode: 'RISK_REJECTED' });
    expect(await api.balance(payer.id)).toBe(newAccountLimit + 1);
    expect((await api.http().post(`/v1/risk/reviews/${newId()}/approve`).send({}).expect(404)).body.code).toBe(
      'RISK.REVIEW_NOT_FOUND',
    );
  });

  it('validates the rules it is given', async () => {
    const { updatedAt: _, ...rules } = defaults;
    const invalid = await api
      .http()
      .put('/v1/risk/rules')
      .send({ ...rules, maxAmount: { default: -5, perCurrency: { usd: 10 } } })
      .expect(400);
    expect(invalid.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'maxAmount.default' }),
        expect.objectContaining({ field: 'maxAmount.perCurrency' }),
      ]),
    );
    const inverted = await api
      .http()
      .put('/v1/risk/rules')
      .send({ ...rules, thresholds: { review: 90, reject: 10 } })
      .expect(400);
    expect(inverted.body.code).toBe('RISK.INVALID_RULES');
    const { velocity: _velocity, ...missing } = rules;
    await api.http().put('/v1/risk/rules').send(missing).expect(400);
    // What GET returns can be sent back as it is.
    await api.http().put('/v1/risk/rules').send(defaults).expect(200);
  });
});
