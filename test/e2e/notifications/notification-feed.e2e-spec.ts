import { newId } from '../../../src/platform/ids';
import { ApiClient } from '../../support/api-client';
import { eventually } from '../../support/eventually';
import { startFullApp } from '../../support/full-app';
import { FEED_CONSUMER, drained, NotificationEvents } from '../../support/notifications/notification-events';
import { NotificationsApi } from '../../support/notifications/notifications-api';
import type { TestApp } from '../../support/test-app';

describe('Notification feed', () => {
  let app: TestApp;
  let api: NotificationsApi;
  let events: NotificationEvents;

  beforeAll(async () => {
    app = await startFullApp();
    api = new NotificationsApi(app.url);
    events = new NotificationEvents(app);
  });
  afterAll(() => app.close());

  it('notifies the payer and the payee of a succeeded payment, the amount in the currency minor units', async () => {
    const payment = NotificationEvents.payment({ amount: 123456, currency: 'EUR' });
    const event = await events.paymentSucceeded(payment);

    const [payer] = await api.feedOf({ accountId: payment.sourceAccountId }, 1);
    expect(payer).toEqual({
      id: expect.any(String),
      audience: 'account',
      accountId: payment.sourceAccountId,
      type: 'payment.succeeded',
      title: 'Payment sent',
      message: `You paid 1,234.56 EUR to account ${payment.destinationAccountId}.`,
      data: {
        paymentId: payment.paymentId,
        sourceAccountId: payment.sourceAccountId,
        destinationAccountId: payment.destinationAccountId,
        amount: 123456,
        currency: 'EUR',
        role: 'payer',
      },
      eventId: event.id,
      createdAt: expect.any(String),
      readAt: null,
    });
    const [payee] = await api.feedOf({ accountId: payment.destinationAccountId }, 1);
    expect(payee).toMatchObject({
      title: 'Payment received',
      message: `You received 1,234.56 EUR from account ${payment.sourceAccountId}.`,
      data: { role: 'payee', amount: 123456 },
    });
  });

  it("puts a failed payment in the payer's feed, with the reason", async () => {
    const payment = NotificationEvents.payment({ amount: 1050 });
    await events.paymentFailed(payment, 'INSUFFICIENT_FUNDS', 'Source account has 5.00 USD available');

    const [payer] = await api.feedOf({ accountId: payment.sourceAccountId }, 1);
    expect(payer).toMatchObject({
      type: 'payment.failed',
      title: 'Payment failed',
      message: `Your payment of 10.50 USD to account ${payment.destinationAccountId} failed: Source account has 5.00 USD available`,
      data: { paymentId: payment.paymentId, failureCode: 'INSUFFICIENT_FUNDS', amount: 1050 },
    });
    const [payee] = await api.feedOf({ accountId: payment.destinationAccountId }, 1);
    expect(payee).toMatchObject({ type: 'payment.failed', title: 'Incoming payment failed' });
    expect(payee.data).not.toHaveProperty('failureCode');
  });

  it.each([
    ['payment.canceled', 'Payment canceled', 'Incoming payment canceled'],
    ['payment.expired', 'Payment expired', 'Incoming payment expired'],
  ] as const)('notifies both sides of %s', async (type, payerTitle, payeeTitle) => {
    const payment = NotificationEvents.payment();
    await (type === 'payment.canceled' ? events.paymentCanceled(payment) : events.paymentExpired(payment));
    expect((await api.feedOf({ accountId: payment.sourceAccountId }, 1))[0]).toMatchObject({ type, title: payerTitle });
    expect((await api.feedOf({ accountId: payment.destinationAccountId }, 1))[0]).toMatchObject({
      type,
      title: payeeTitle,
    });
  });

  it('notifies both sides of refunds that succeed and fail', async () => {
    const payment = NotificationEvents.payment({ currency: 'JPY', amount: 1500 });
    await events.refundSucceeded(NotificationEvents.refund(payment, { amount: 500 }));
    await events.refundFailed(NotificationEvents.refund(payment, { amount: 700 }));

    const merchant = await api.feedOf({ accountId: payment.destinationAccountId }, 2);
    expect(merchant.map((n) => [n.type, n.title])).toEqual([
      ['refund.failed', 'Refund failed'],
      ['refund.succeeded', 'Refund sent'],
    ]);
    expect(merchant[0].message).toContain(`Your refund of 700 JPY to account ${payment.sourceAccountId}`);
    const customer = await api.feedOf({ accountId: payment.sourceAccountId }, 2);
    expect(customer[1]).toMatchObject({
      title: 'Refund received',
      message: `You received a refund of 500 JPY from account ${payment.destinationAccountId} for payment ${payment.paymentId}.`,
    });
  });

  it('notifies the account of deposits and withdrawals, with its balance after', async () => {
    const accountId = newId();
    await events.deposited({ accountId, amount: 5000, balanceAfter: 5000 });
    await events.withdrawn({ accountId, amount: 1250, balanceAfter: 3750 });
    const [withdrawal, deposit] = await api.feedOf({ accountId }, 2);
    expect(deposit).toMatchObject({
      type: 'account.deposited',
      message: '50.00 USD was deposited into your account. Balance: 50.00 USD.',
    });
    expect(withdrawal).toMatchObject({
      type: 'account.withdrawn',
      message: '12.50 USD was withdrawn from your account. Balance: 37.50 USD.',
      data: expect.objectContaining({ amount: 1250, balanceAfter: 3750 }),
    });
  });

  it('tells the operators of a payment waiting for review, and of no other risk decision', async () => {
    const held = NotificationEvents.payment({ amount: 990000 });
    const approved = NotificationEvents.payment();
    await events.riskAssessed(approved, { decision: 'approve', score: 0, reasons: [] });
    await events.riskAssessed(held, { decision: 'review', score: 80, reasons: ['MAX_AMOUNT', 'VELOCITY_COUNT'] });

    const review = await eventually(async () => {
      const { data } = await api.feed({ audience: 'operators', limit: 100 });
      const found = data.find((n) => n.data.paymentId === held.paymentId);
      if (!found) throw new Error('no review notification yet');
      return found;
    });
    expect(review).toMatchObject({
      audience: 'operators',
      accountId: null,
      type: 'risk.review_required',
      title: 'Payment waiting for review',
      message: `Payment ${held.paymentId} of 9,900.00 USD from account ${held.sourceAccountId} to account ${held.destinationAccountId} scored 80/100 (MAX_AMOUNT, VELOCITY_COUNT) and waits for a review.`,
    });
    await drained(app, FEED_CONSUMER);
    const { data } = await api.feed({ audience: 'operators', limit: 100 });
    expect(data.filter((n) => n.data.paymentId === approved.paymentId)).toEqual([]);
    // Operators' notifications belong to no account.
    expect((await api.feed({ accountId: held.sourceAccountId })).data).toEqual([]);
  });

  it('filters unread notifications and marks one read, idempotently', async () => {
    const accountId = newId();
    await events.deposited({ accountId });
    await events.deposited({ accountId });
    const [newest, oldest] = await api.feedOf({ accountId }, 2);

    const read = await api.http().post(`/v1/notifications/${oldest.id}/read`).expect(200);
    expect(read.body).toEqual({ ...oldest, readAt: expect.any(String) });
    const again = await api.http().post(`/v1/notifications/${oldest.id}/read`).expect(200);
    expect(again.body.readAt).toBe(read.body.readAt);

    expect((await api.feed({ accountId, unread: true })).data.map((n) => n.id)).toEqual([newest.id]);
    expect((await api.feed({ accountId, unread: false })).data.map((n) => n.id)).toEqual([oldest.id]);
    expect((await api.feed({ accountId })).data).toHaveLength(2);
  });

  it('pages newest first with limit and startingAfter', async () => {
    const accountId = newId();
    for (let i = 1; i <= 5; i++) await events.deposited({ accountId, amount: i * 100, balanceAfter: i * 100 });
    const all = await api.feedOf({ accountId }, 5);
    expect(all.map((n) => n.data.amount)).toEqual([500, 400, 300, 200, 100]);

    const first = await api.feed({ accountId, limit: 2 });
    expect(first).toMatchObject({ hasMore: true, nextCursor: all[1].id });
    expect(first.data.map((n) => n.id)).toEqual([all[0].id, all[1].id]);
    const second = await api.feed({ accountId, limit: 2, startingAfter: first.nextCursor! });
    expect(second.data.map((n) => n.id)).toEqual([all[2].id, all[3].id]);
    const last = await api.feed({ accountId, limit: 2, startingAfter: second.nextCursor! });
    expect(last).toEqual({ data: [all[4]], hasMore: false, nextCursor: null });
  });

  it('refuses invalid filters and answers 404 for an unknown notification', async () => {
    for (const query of [{ accountId: 'not-an-id' }, { unread: 'yes' }, { audience: 'everyone' }, { limit: 101 }]) {
      const response = await api.http().get('/v1/notifications').query(query).expect(400);
      expect(response.body.code).toBe('REQUEST.VALIDATION_FAILED');
    }
    const missing = await api.http().post(`/v1/notifications/${newId()}/read`).expect(404);
    expect(missing.body).toMatchObject({ code: 'NOTIFICATIONS.NOTIFICATION_NOT_FOUND', status: 404 });
    expect(missing.headers['content-type']).toContain('application/problem+json');
    await api.http().post('/v1/notifications/not-an-id/read').expect(404);
  });

  it('notifies the payer of a real payment that fails, through the payments module', async () => {
    const client = new ApiClient(app.url);
    const payer = await client.fundedAccount(500);
    const payee = await client.openAccount();
    const payment = await client
      .http()
      .post('/v1/payments')
      .set('Idempotency-Key', newId())
      .send({ sourceAccountId: payer.id, destinationAccountId: payee.id, amount: 1050, currency: 'USD' })
      .expect(202);

    const failed = await eventually(async () => {
      const { data } = await api.feed({ accountId: payer.id, limit: 100 });
      const found = data.find((n) => n.type === 'payment.failed');
      if (!found) throw new Error('no payment.failed notification yet');
      return found;
    });
    expect(failed).toMatchObject({
      title: 'Payment failed',
      message: expect.stringMatching(/^Your payment of 10\.50 USD to account .+ failed: /),
      data: expect.objectContaining({ paymentId: payment.body.id, failureCode: 'INSUFFICIENT_FUNDS' }),
    });
  });
});
