import { Webhook } from 'standardwebhooks';
import { eventually } from '../../support/eventually';
import { startFullApp } from '../../support/full-app';
import {
  FEED_CONSUMER,
  drained,
  NotificationEvents,
  WEBHOOKS_CONSUMER,
} from '../../support/notifications/notification-events';
import { NotificationsApi } from '../../support/notifications/notifications-api';
import { WebhookReceiver, type ReceivedWebhook } from '../../support/notifications/webhook-receiver';
import type { TestApp } from '../../support/test-app';

const TIMEOUT_MS = 1000;

/** Checks a received webhook with the Standard Webhooks reference library, independent of ours. */
function verify(secret: string, webhook: ReceivedWebhook): unknown {
  return new Webhook(secret).verify(webhook.body, WebhookReceiver.signatureHeaders(webhook));
}

describe('Webhook delivery', () => {
  let app: TestApp;
  let api: NotificationsApi;
  let events: NotificationEvents;
  const receivers: WebhookReceiver[] = [];
  const receiver = async (...args: Parameters<typeof WebhookReceiver.start>) => {
    const started = await WebhookReceiver.start(...args);
    receivers.push(started);
    return started;
  };

  beforeAll(async () => {
    app = await startFullApp({
      WEBHOOK_RETRY_SCHEDULE_MS: '50,50,50',
      WEBHOOK_TIMEOUT_MS: String(TIMEOUT_MS),
      WEBHOOK_POLL_INTERVAL_MS: '100',
    });
    api = new NotificationsApi(app.url);
    events = new NotificationEvents(app);
  });
  afterAll(async () => {
    try {
      await api.deleteCreatedEndpoints();
    } finally {
      await app.close();
      await Promise.all(receivers.map((r) => r.close()));
    }
  });

  it('sends a signed payment.succeeded that the Standard Webhooks library verifies', async () => {
    const hooks = await receiver();
    const payment = NotificationEvents.payment({ amount: 4999 });
    const endpoint = await api.createEndpoint({
      url: hooks.url(),
      eventTypes: ['payment.succeeded'],
      accountId: payment.sourceAccountId,
    });
    const event = await events.paymentSucceeded(payment);

    const message = await api.onlyMessage(endpoint.id, 'delivered');
    expect(hooks.received).toHaveLength(1);
    const [webhook] = hooks.received;
    expect(webhook.headers['content-type']).toBe('application/json');
    expect(webhook.headers['webhook-id']).toBe(message.id);
    expect(Math.abs(Number(webhook.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
    expect(webhook.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(verify(endpoint.secret, webhook)).toEqual({
      id: message.id,
      type: 'payment.succeeded',
      createdAt: event.occurredAt,
      data: event.data,
    });
    expect(() => verify(endpoint.secret, { ...webhook, body: webhook.body.replace('4999', '5000') })).toThrow();

    expect(message).toMatchObject({
      endpointId: endpoint.id,
      eventId: event.id,
      eventType: 'payment.succeeded',
      lastStatusCode: 200,
      nextAttemptAt: null,
      payload: { id: message.id, type: 'payment.succeeded', data: { amount: 4999 } },
      attempts: [{ attempt: 1, statusCode: 200, error: null, durationMs: expect.any(Number) }],
    });
  });

  it('retries a 500 with the same webhook-id and body until a 200, and lists every attempt', async () => {
    const hooks = await receiver((_request, index) => ({ status: index < 2 ? 500 : 200 }));
    const payment = NotificationEvents.payment();
    const endpoint = await api.createEndpoint({
      url: hooks.url(),
      eventTypes: ['*'],
      accountId: payment.destinationAccountId,
    });
    await events.paymentSucceeded(payment);

    const message = await api.onlyMessage(endpoint.id, 'delivered');
    expect(hooks.received).toHaveLength(3);
    expect(new Set(hooks.received.map((r) => r.headers['webhook-id']))).toEqual(new Set([message.id]));
    expect(new Set(hooks.received.map((r) => r.body)).size).toBe(1);
    for (const webhook of hooks.received) expect(verify(endpoint.secret, webhook)).toMatchObject({ id: message.id });
    expect(message.attempts).toEqual([
      expect.objectContaining({ attempt: 1, statusCode: 500, error: 'HTTP 500' }),
      expect.objectContaining({ attempt: 2, statusCode: 500, error: 'HTTP 500' }),
      expect.objectContaining({ attempt: 3, statusCode: 200, error: null }),
    ]);
    for (const attempt of message.attempts) {
      expect(Date.parse(attempt.attemptedAt)).not.toBeNaN();
      expect(attempt.durationMs).toBeGreaterThanOrEqual(0);
    }
  });

  it('fails the message when the attempts run out, and a manual retry sends it again with the same id', async () => {
    const hooks = await receiver(() => ({ status: 503 }));
    const payment = NotificationEvents.payment();
    const endpoint = await api.subscribe(hooks.url(), payment.sourceAccountId);
    await events.paymentFailed(payment);

    const failed = await api.onlyMessage(endpoint.id, 'failed');
    expect(failed.attempts.map((a) => a.statusCode)).toEqual([503, 503, 503, 503]);
    expect(failed).toMatchObject({ lastStatusCode: 503, lastError: 'HTTP 503', nextAttemptAt: null });
    expect((await api.messages(endpoint.id, { status: 'failed' })).data.map((m) => m.id)).toEqual([failed.id]);
    expect((await api.messages(endpoint.id, { status: 'delivered' })).data).toEqual([]);

    hooks.respondWith(() => ({ status: 204 }));
    const retried = await api.http().post(`/v1/webhook-messages/${failed.id}/retry`).expect(202);
    expect(retried.body).toMatchObject({ id: failed.id, status: 'pending' });
    const delivered = await api.onlyMessage(endpoint.id, 'delivered');
    expect(delivered.attempts.map((a) => [a.attempt, a.statusCode])).toEqual([
      [1, 503],
      [2, 503],
      [3, 503],
      [4, 503],
      [1, 204],
    ]);
    expect(hooks.received).toHaveLength(5);
    expect(hooks.received[4].headers['webhook-id']).toBe(failed.id);
  });

  it('disables the endpoint on 410 Gone, and sends it nothing more', async () => {
    const hooks = await receiver(() => ({ status: 410 }));
    const payment = NotificationEvents.payment();
    const endpoint = await api.subscribe(hooks.url(), payment.sourceAccountId);
    await events.paymentSucceeded(payment);

    const failed = await api.onlyMessage(endpoint.id, 'failed');
    expect(failed.attempts).toEqual([expect.objectContaining({ statusCode: 410 })]);
    const disabled = await api.http().get(`/v1/webhook-endpoints/${endpoint.id}`).expect(200);
    expect(disabled.body).toMatchObject({ enabled: false, disabledReason: expect.stringContaining('410') });

    await events.paymentCanceled(payment);
    await drained(app, WEBHOOKS_CONSUMER);
    expect((await api.messages(endpoint.id)).data).toHaveLength(1);
    const refused = await api.http().post(`/v1/webhook-messages/${failed.id}/retry`).expect(409);
    expect(refused.body.code).toBe('NOTIFICATIONS.ENDPOINT_DISABLED');
    expect(hooks.received).toHaveLength(1);
  });

  it('signs with both secrets during a rotation, each signature verifiable with its own secret', async () => {
    const hooks = await receiver();
    const payment = NotificationEvents.payment();
    const endpoint = await api.subscribe(hooks.url(), payment.sourceAccountId);
    const rotated = await api.http().post(`/v1/webhook-endpoints/${endpoint.id}/rotate-secret`).expect(200);
    const newSecret: string = rotated.body.secret;
    await events.paymentSucceeded(payment);

    await api.onlyMessage(endpoint.id, 'delivered');
    const [webhook] = hooks.received;
    const signatures = webhook.headers['webhook-signature'].split(' ');
    expect(signatures).toHaveLength(2);
    expect(verify(newSecret, webhook)).toMatchObject({ type: 'payment.succeeded' });
    expect(verify(endpoint.secret, webhook)).toMatchObject({ type: 'payment.succeeded' });
    // Each signature is one secret's: checked alone, each passes with exactly one of them.
    for (const [signature, secret, other] of [
      [signatures[0], newSecret, endpoint.secret],
      [signatures[1], endpoint.secret, newSecret],
    ]) {
      const single = { ...webhook, headers: { ...webhook.headers, 'webhook-signature': signature } };
      expect(verify(secret, single)).toBeDefined();
      expect(() => verify(other, single)).toThrow();
    }
  });

  it('sends an endpoint limited to an account only the events about that account', async () => {
    const hooks = await receiver();
    const payment = NotificationEvents.payment();
    const payerOnly = await api.subscribe(hooks.url(), payment.sourceAccountId);
    const stranger = await api.createEndpoint({
      url: hooks.url(),
      eventTypes: ['*'],
      accountId: NotificationEvents.payment().sourceAccountId,
    });
    const depositsOfAll = await api.createEndpoint({ url: hooks.url(), eventTypes: ['account.deposited'] });

    await events.paymentSucceeded(payment);
    const deposit = await events.deposited({ accountId: payment.sourceAccountId });
    await events.withdrawn({ accountId: payment.sourceAccountId });
    const refund = await events.refundSucceeded(NotificationEvents.refund(payment));

    const payerMessages = await eventually(async () => {
      const { data } = await api.messages(payerOnly.id);
      expect(data.map((m) => m.eventType).sort()).toEqual([
        'account.deposited',
        'account.withdrawn',
        'payment.succeeded',
        'refund.succeeded',
      ]);
      return data;
    });
    expect(payerMessages.find((m) => m.eventType === 'refund.succeeded')?.eventId).toBe(refund.id);
    const toAll = await eventually(async () => {
      const { data } = await api.messages(depositsOfAll.id);
      expect(data.map((m) => m.eventId)).toContain(deposit.id);
      return data;
    });
    expect(toAll.every((m) => m.eventType === 'account.deposited')).toBe(true);
    await drained(app, WEBHOOKS_CONSUMER);
    expect((await api.messages(stranger.id)).data).toEqual([]);
    await api.http().delete(`/v1/webhook-endpoints/${depositsOfAll.id}`).expect(204);
  });

  it('creates no second notification nor webhook message when a delivered event is replayed', async () => {
    const hooks = await receiver();
    const payment = NotificationEvents.payment();
    const endpoint = await api.subscribe(hooks.url(), payment.sourceAccountId);
    const event = await events.paymentSucceeded(payment);
    await api.onlyMessage(endpoint.id, 'delivered');
    await api.feedOf({ accountId: payment.sourceAccountId }, 1);
    await api.feedOf({ accountId: payment.destinationAccountId }, 1);

    const replay = await api.http().post(`/v1/admin/messaging/events/${event.id}/replay`).send({}).expect(200);
    expect(replay.body.replayed).toBeGreaterThanOrEqual(2);
    await drained(app, FEED_CONSUMER);
    await drained(app, WEBHOOKS_CONSUMER);

    expect((await api.feed({ accountId: payment.sourceAccountId })).data).toHaveLength(1);
    expect((await api.feed({ accountId: payment.destinationAccountId })).data).toHaveLength(1);
    expect((await api.messages(endpoint.id)).data).toHaveLength(1);
    expect(hooks.received).toHaveLength(1);
  });

  it('honours Retry-After', async () => {
    const hooks = await receiver((_request, index) =>
      index === 0 ? { status: 503, headers: { 'Retry-After': '1' } } : { status: 200 },
    );
    const payment = NotificationEvents.payment();
    const endpoint = await api.subscribe(hooks.url(), payment.sourceAccountId);
    await events.paymentSucceeded(payment);

    await api.onlyMessage(endpoint.id, 'delivered');
    const [first, second] = hooks.received;
    // The schedule says 50 ms; the receiver asked for a second.
    expect(second.receivedAt - first.receivedAt).toBeGreaterThanOrEqual(950);
  });

  it('lets a hanging receiver hold up only its own message, and records its timeout', async () => {
    const slow = await receiver((_request, index) => (index === 0 ? { hang: true } : { status: 200 }));
    const fast = await receiver();
    const payment = NotificationEvents.payment();
    const slowEndpoint = await api.createEndpoint({
      url: slow.url(),
      eventTypes: ['*'],
      accountId: payment.sourceAccountId,
    });
    const fastEndpoint = await api.createEndpoint({
      url: fast.url(),
      eventTypes: ['*'],
      accountId: payment.sourceAccountId,
    });
    await events.paymentSucceeded(payment);

    await eventually(() => expect(slow.received).toHaveLength(1));
    // While the slow receiver still holds the first request: the event is handled, the feed is
    // written and the other endpoint has its message.
    await api.onlyMessage(fastEndpoint.id, 'delivered');
    await drained(app, WEBHOOKS_CONSUMER);
    await api.feedOf({ accountId: payment.sourceAccountId }, 1);
    expect((await api.messages(slowEndpoint.id)).data[0]).toMatchObject({ status: 'pending', attempts: [] });

    const delivered = await api.onlyMessage(slowEndpoint.id, 'delivered');
    expect(delivered.attempts).toEqual([
      expect.objectContaining({ statusCode: null, error: `Timed out after ${TIMEOUT_MS} ms` }),
      expect.objectContaining({ statusCode: 200 }),
    ]);
    expect(delivered.attempts[0].durationMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
  });

  it('records a refused connection as an attempt, and retries it', async () => {
    const gone = await receiver();
    const url = gone.url();
    await gone.close();
    const payment = NotificationEvents.payment();
    const endpoint = await api.createEndpoint({ url, eventTypes: ['*'], accountId: payment.sourceAccountId });
    await events.paymentSucceeded(payment);

    const failed = await api.onlyMessage(endpoint.id, 'failed');
    expect(failed.attempts).toHaveLength(4);
    expect(failed.attempts[0]).toMatchObject({ statusCode: null, error: expect.stringContaining('ECONNREFUSED') });
  });
});
