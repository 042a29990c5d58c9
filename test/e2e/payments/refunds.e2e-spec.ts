import { newId } from '../../../src/platform/ids';
import { ApiClient } from '../../support/api-client';
import { startFullApp } from '../../support/full-app';
import type { TestApp } from '../../support/test-app';

describe('Refunds', () => {
  let app: TestApp;
  let api: ApiClient;

  beforeAll(async () => {
    app = await startFullApp();
    api = new ApiClient(app.url);
  });
  afterAll(() => app.close());

  /** A succeeded payment of `amount` from a payer who had `amount` to a new payee. */
  async function succeededPayment(amount: number) {
    const payer = await api.fundedAccount(amount);
    const payee = await api.openAccount();
    const created = await api.createPayment({ sourceAccountId: payer.id, destinationAccountId: payee.id, amount });
    const payment = await api.paymentReaching(created.body.id, ['succeeded']);
    return { payer, payee, payment };
  }

  it('refunds in full by default, moving the money back', async () => {
    const { payer, payee, payment } = await succeededPayment(1_000);
    const created = await api.refund(payment.id, { reason: 'Order canceled' });
    expect(created.status).toBe(202);
    expect(created.body).toMatchObject({
      paymentId: payment.id,
      amount: 1_000,
      currency: 'USD',
      status: 'pending',
      reason: 'Order canceled',
    });

    expect(await api.refundReaching(payment.id, created.body.id)).toMatchObject({ status: 'succeeded' });
    expect(await api.payment(payment.id)).toMatchObject({ status: 'succeeded', amountRefunded: 1_000 });
    expect(await api.balance(payer.id)).toBe(1_000);
    expect(await api.balance(payee.id)).toBe(0);
    const timeline = await api.http().get(`/v1/payments/${payment.id}/events`).expect(200);
    expect(timeline.body.data.map((e: { type: string }) => e.type).slice(-4)).toEqual([
      'refund.created',
      'transfer.requested',
      'transfer.succeeded',
      'refund.succeeded',
    ]);
  });

  it('allows several partial refunds, up to the amount paid', async () => {
    const { payer, payment } = await succeededPayment(1_000);
    const first = await api.refund(payment.id, { amount: 300 });
    const second = await api.refund(payment.id, { amount: 200 });
    await api.refundReaching(payment.id, first.body.id);
    await api.refundReaching(payment.id, second.body.id);
    expect((await api.payment(payment.id)).amountRefunded).toBe(500);

    const rest = await api.refund(payment.id);
    expect(rest.body.amount).toBe(500);
    await api.refundReaching(payment.id, rest.body.id);
    expect((await api.payment(payment.id)).amountRefunded).toBe(1_000);
    expect(await api.balance(payer.id)).toBe(1_000);

    const listed = await api.http().get(`/v1/payments/${payment.id}/refunds`).expect(200);
    expect(listed.body.data.map((r: { amount: number }) => r.amount)).toEqual([500, 200, 300]);
    const nothingLeft = await api.refund(payment.id);
    expect(nothingLeft.status).toBe(422);
  });

  it('refuses a refund larger than what is left (422)', async () => {
    const { payment } = await succeededPayment(1_000);
    const partial = await api.refund(payment.id, { amount: 600 });
    const tooMuch = await api.refund(payment.id, { amount: 401 });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body).toMatchObject({ code: 'PAYMENTS.REFUND_EXCEEDS_REMAINING', errors: [{ field: 'amount' }] });
    await api.refundReaching(payment.id, partial.body.id);
    expect((await api.payment(payment.id)).amountRefunded).toBe(600);
  });

  it('never lets concurrent refunds add up to more than the payment', async () => {
    const { payment } = await succeededPayment(1_000);
    const responses = await Promise.all(Array.from({ length: 10 }, () => api.refund(payment.id, { amount: 200 })));
    const accepted = responses.filter((r) => r.status === 202);
    expect(accepted).toHaveLength(5);
    expect(responses.filter((r) => r.status === 422)).toHaveLength(5);
    for (const refund of accepted) await api.refundReaching(payment.id, refund.body.id);
    expect((await api.payment(payment.id)).amountRefunded).toBe(1_000);
  });

  it('fails with INSUFFICIENT_FUNDS when the payee no longer has the money, and counts nothing', async () => {
    const { payee, payment } = await succeededPayment(1_000);
    expect((await api.withdraw(payee.id, 900)).status).toBe(201);
    const refund = await api.refund(payment.id, { amount: 500 });
    expect(await api.refundReaching(payment.id, refund.body.id)).toMatchObject({
      status: 'failed',
      failureCode: 'INSUFFICIENT_FUNDS',
    });
    expect((await api.payment(payment.id)).amountRefunded).toBe(0);
    // A failed refund frees its amount: a smaller one can still go through.
    const smaller = await api.refund(payment.id, { amount: 100 });
    expect(await api.refundReaching(payment.id, smaller.body.id)).toMatchObject({ status: 'succeeded' });
  });

  it('refunds only succeeded payments', async () => {
    const payer = await api.fundedAccount(10);
    const created = await api.createPayment({
      sourceAccountId: payer.id,
      destinationAccountId: (await api.openAccount()).id,
      amount: 50,
    });
    await api.paymentReaching(created.body.id, ['failed']);
    const refused = await api.refund(created.body.id);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('PAYMENTS.NOT_REFUNDABLE');
    expect((await api.refund(newId())).status).toBe(404);
  });

  it('replays a refund sent twice with the same key', async () => {
    const { payment } = await succeededPayment(1_000);
    const key = newId();
    const first = await api.refund(payment.id, { amount: 100 }, key);
    const again = await api.refund(payment.id, { amount: 100 }, key);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    await api.refundReaching(payment.id, first.body.id);
    expect((await api.payment(payment.id)).amountRefunded).toBe(100);
    const withoutKey = await api.http().post(`/v1/payments/${payment.id}/refunds`).send({ amount: 1 });
    expect(withoutKey.body).toMatchObject({ status: 400, code: 'IDEMPOTENCY.KEY_REQUIRED' });
  });
});
