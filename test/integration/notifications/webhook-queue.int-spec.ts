import { CommandBus } from '@nestjs/cqrs';
import { QueueWebhookMessagesCommand } from '../../../src/modules/notifications/application/commands/queue-webhook-messages/queue-webhook-messages.command';
import { RecordNotificationsCommand } from '../../../src/modules/notifications/application/commands/record-notifications/record-notifications.command';
import { WebhookDeliveryWorker } from '../../../src/modules/notifications/application/webhook-delivery/webhook-delivery.worker';
import type { NotifiableEvent } from '../../../src/modules/notifications/domain/notifiable-events';
import { WebhookMessageRepository } from '../../../src/modules/notifications/infrastructure/webhook-message.repository';
import { newId } from '../../../src/platform/ids';
import { eventually } from '../../support/eventually';
import { startFullApp } from '../../support/full-app';
import { NotificationEvents } from '../../support/notifications/notification-events';
import { NotificationsApi } from '../../support/notifications/notifications-api';
import { WebhookReceiver } from '../../support/notifications/webhook-receiver';
import type { TestApp } from '../../support/test-app';

const SHUTDOWN_GRACE_MS = 300;

/**
 * The webhook queue on PostgreSQL, driven directly: the app's own worker is off, so each test
 * claims, or starts and stops the worker, itself.
 */
describe('Webhook message queue', () => {
  let app: TestApp;
  let api: NotificationsApi;
  let commands: CommandBus;
  let messages: WebhookMessageRepository;
  let worker: WebhookDeliveryWorker;
  let hooks: WebhookReceiver;

  beforeAll(async () => {
    app = await startFullApp({
      WEBHOOK_DELIVERY_ENABLED: 'false',
      WEBHOOK_RETRY_SCHEDULE_MS: '20,20,20',
      WEBHOOK_SHUTDOWN_GRACE_MS: String(SHUTDOWN_GRACE_MS),
      WEBHOOK_POLL_INTERVAL_MS: '100',
    });
    api = new NotificationsApi(app.url);
    commands = app.get(CommandBus);
    messages = app.get(WebhookMessageRepository);
    worker = app.get(WebhookDeliveryWorker);
    hooks = await WebhookReceiver.start();
  });
  afterEach(async () => {
    await worker.stop();
    await api.deleteCreatedEndpoints();
    hooks.respondWith(() => ({ status: 200 }));
  });
  afterAll(async () => {
    await app.close();
    await hooks.close();
  });

  /** A payment.succeeded as the relay hands it to the consumers (not published: no inbox in the way). */
  const paymentEvent = (facts = NotificationEvents.payment()): NotifiableEvent<'payment.succeeded'> => ({
    id: newId(),
    type: 'payment.succeeded',
    occurredAt: new Date().toISOString(),
    data: { ...facts, amountCaptured: facts.amount, completedAt: new Date().toISOString() },
  });

  /** Endpoints for the event's payer, and the ids of the messages queued for them. */
  async function queued(count: number): Promise<{ endpointIds: string[]; messageIds: Set<string> }> {
    const event = paymentEvent();
    const endpointIds: string[] = [];
    for (let i = 0; i < count; i++) {
      const endpoint = await api.createEndpoint({
        url: hooks.url(),
        eventTypes: ['*'],
        accountId: event.data.sourceAccountId,
      });
      endpointIds.push(endpoint.id);
    }
    await commands.execute(new QueueWebhookMessagesCommand(event));
    const ids = new Set<string>();
    for (const id of endpointIds) for (const message of (await api.messages(id)).data) ids.add(message.id);
    expect(ids.size).toBe(count);
    return { endpointIds, messageIds: ids };
  }

  it('records one notification per account and one message per endpoint, even when the event is handled twice', async () => {
    const event = paymentEvent();
    const endpoint = await api.createEndpoint({
      url: hooks.url(),
      eventTypes: ['*'],
      accountId: event.data.destinationAccountId,
    });
    const recorded = () =>
      app.dataSource
        .query(`SELECT count(*)::int AS n FROM notifications.notifications WHERE event_id = $1`, [event.id])
        .then(([row]: Array<{ n: number }>) => row.n);
    for (const _ of [1, 2]) {
      await commands.execute(new RecordNotificationsCommand(event));
      expect(await recorded()).toBe(2);
      await commands.execute(new QueueWebhookMessagesCommand(event));
      expect((await api.messages(endpoint.id)).data).toHaveLength(1);
    }
    expect((await api.feed({ accountId: event.data.sourceAccountId })).data).toHaveLength(1);
    expect((await api.feed({ accountId: event.data.destinationAccountId })).data).toHaveLength(1);
    expect((await api.messages(endpoint.id)).data).toHaveLength(1);

    // The operators' notification has no account: the constraint still holds it to one.
    const review: NotifiableEvent<'risk.assessed'> = {
      id: newId(),
      type: 'risk.assessed',
      occurredAt: new Date().toISOString(),
      data: {
        ...NotificationEvents.payment(),
        assessmentId: newId(),
        decision: 'review',
        score: 70,
        reasons: ['MAX_AMOUNT'],
      },
    };
    await commands.execute(new RecordNotificationsCommand(review));
    await commands.execute(new RecordNotificationsCommand(review));
    const operators = await app.dataSource.query(
      `SELECT account_id FROM notifications.notifications WHERE event_id = $1`,
      [review.id],
    );
    expect(operators).toEqual([{ account_id: null }]);
  });

  it('has the database itself refuse a second notification for the same event, account and type', async () => {
    const event = paymentEvent();
    await commands.execute(new RecordNotificationsCommand(event));
    const insert = (accountId: string | null) =>
      app.dataSource.query(
        `INSERT INTO notifications.notifications (id, audience, account_id, type, title, message, event_id)
         VALUES ($1, $2, $3, 'payment.succeeded', 't', 'm', $4)`,
        [newId(), accountId ? 'account' : 'operators', accountId, event.id],
      );
    await expect(insert(event.data.sourceAccountId)).rejects.toThrow(/notifications_once_per_event/);
    await insert(null);
    await expect(insert(null)).rejects.toThrow(/notifications_once_per_event/);
  });

  it('shares due messages between workers: concurrent claims never take the same message', async () => {
    const { messageIds } = await queued(6);
    const [first, second] = await Promise.all([
      messages.claim(100, 100, 'worker-a', 30_000),
      messages.claim(100, 100, 'worker-b', 30_000),
    ]);
    const mine = (claimed: typeof first) => claimed.map((m) => m.id).filter((id) => messageIds.has(id));
    const [a, b] = [mine(first), mine(second)];
    expect(a.filter((id) => b.includes(id))).toEqual([]);
    expect(new Set([...a, ...b])).toEqual(messageIds);
    // Only this test's messages: earlier suites on this database may have left some of theirs due.
    const ours = [...first, ...second].filter((m) => messageIds.has(m.id));
    expect(ours.every((m) => m.attempt === 1)).toBe(true);
  });

  it('never has more than the cap in flight to one endpoint, so a flooded receiver leaves slots to the others', async () => {
    const flooded = paymentEvent();
    const floodedEndpoint = await api.createEndpoint({
      url: hooks.url(),
      eventTypes: ['*'],
      accountId: flooded.data.sourceAccountId,
    });
    for (let i = 0; i < 5; i++) {
      const facts = NotificationEvents.payment({ sourceAccountId: flooded.data.sourceAccountId });
      await commands.execute(new QueueWebhookMessagesCommand(paymentEvent(facts)));
    }
    const { endpointIds } = await queued(1);
    const to = (endpointId: string, claimed: Array<{ endpointId: string }>) =>
      claimed.filter((m) => m.endpointId === endpointId).length;

    const first = await messages.claim(100, 2, 'worker-a', 30_000);
    expect(to(floodedEndpoint.id, first)).toBe(2);
    expect(to(endpointIds[0], first)).toBe(1);
    // The two still held count, whichever worker holds them.
    const second = await messages.claim(100, 2, 'worker-b', 30_000);
    expect(to(floodedEndpoint.id, second)).toBe(0);
    expect(to(floodedEndpoint.id, await messages.claim(100, 3, 'worker-b', 30_000))).toBe(1);
  });

  it("takes over a crashed worker's claim when its lease runs out", async () => {
    const { endpointIds, messageIds } = await queued(1);
    const [id] = messageIds;
    const crashed = (await messages.claim(100, 100, 'worker-crashed', 200)).find((m) => m.id === id)!;
    expect(crashed.attempt).toBe(1);
    expect((await messages.claim(100, 100, 'worker-b', 30_000)).map((m) => m.id)).not.toContain(id);

    const takenOver = await eventually(async () => {
      const claimed = (await messages.claim(100, 100, 'worker-b', 30_000)).find((m) => m.id === id);
      if (!claimed) throw new Error('not due yet');
      return claimed;
    });
    expect(takenOver.attempt).toBe(2);

    // The first worker comes back late: its attempt is on record, but the message is no longer its to change.
    const late = { attemptedAt: new Date(), durationMs: 5, statusCode: 500, error: 'HTTP 500' };
    await messages.recordAttempt(crashed, 'worker-crashed', late, { status: 'failed', disableEndpoint: false });
    const stillHeld = (await api.messages(endpointIds[0])).data[0];
    expect(stillHeld.status).toBe('pending');
    expect(stillHeld.attempts).toEqual([expect.objectContaining({ attempt: 1, statusCode: 500 })]);

    const done = { attemptedAt: new Date(), durationMs: 5, statusCode: 200, error: null };
    await messages.recordAttempt(takenOver, 'worker-b', done, { status: 'delivered' });
    const delivered = (await api.messages(endpointIds[0])).data[0];
    expect(delivered.status).toBe('delivered');
    expect(delivered.attempts.map((a) => [a.attempt, a.statusCode])).toEqual([
      [1, 500],
      [2, 200],
    ]);
  });

  it('gives a message up, unsent, when its attempts ran out without finishing (a worker kept dying)', async () => {
    const { endpointIds, messageIds } = await queued(1);
    const [id] = messageIds;
    for (let attempt = 1; attempt <= 4; attempt++) {
      await eventually(async () => {
        const claimed = (await messages.claim(100, 100, `worker-${attempt}`, 1)).find((m) => m.id === id);
        if (!claimed) throw new Error('not due yet');
        expect(claimed.attempt).toBe(attempt);
      });
    }
    worker.start();
    const failed = await api.onlyMessage(endpointIds[0], 'failed');
    expect(failed).toMatchObject({ lastError: expect.stringContaining('Gave up'), attempts: [] });
    expect(hooks.received.filter((r) => r.headers['webhook-id'] === id)).toEqual([]);
  });

  it('stops with a bounded wait, handing back a message still out, its attempt uncounted', async () => {
    hooks.respondWith(() => ({ hang: true }));
    worker.start();
    const { endpointIds, messageIds } = await queued(1);
    const [id] = messageIds;
    await eventually(() => expect(hooks.received.map((r) => r.headers['webhook-id'])).toContain(id));

    const started = Date.now();
    await worker.stop();
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(SHUTDOWN_GRACE_MS - 20);
    expect(took).toBeLessThan(SHUTDOWN_GRACE_MS + 2_000);
    const handedBack = (await api.messages(endpointIds[0])).data[0];
    expect(handedBack).toMatchObject({ status: 'pending', attempts: [] });
    expect(Date.parse(handedBack.nextAttemptAt!)).toBeLessThanOrEqual(Date.now());

    hooks.respondWith(() => ({ status: 200 }));
    worker.start();
    const delivered = await api.onlyMessage(endpointIds[0], 'delivered');
    expect(delivered.attempts).toEqual([expect.objectContaining({ attempt: 1, statusCode: 200 })]);
  });
});
