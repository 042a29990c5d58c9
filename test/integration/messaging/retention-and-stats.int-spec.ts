import { api } from '../../support/api';
import { RelayService } from '../../../src/platform/messaging/relay/relay.service';
import { RetentionService } from '../../../src/platform/messaging/retention.service';

import { ConsumerBehaviour } from '../../support/messaging/test-consumers.module';
import { resetMessaging, startMessagingApp, type MessagingTestApp } from '../../support/messaging/messaging-test-app';
import { eventually } from '../../support/eventually';

describe('Observability and retention', () => {
  let app: MessagingTestApp;
  let behaviour: ConsumerBehaviour;

  beforeAll(async () => {
    app = await startMessagingApp({ MESSAGING_MAX_ATTEMPTS: '2', HEALTH_MAX_EVENT_AGE_SECONDS: '2' });
    behaviour = app.get(ConsumerBehaviour);
  });
  beforeEach(async () => {
    behaviour.failures.clear();
    await resetMessaging(app);
  });
  afterEach(() => behaviour.releaseHangs());
  afterAll(() => app.close());

  it("reports each consumer's backlog, throughput, latency and dead letters, as JSON and to Prometheus", async () => {
    behaviour.failures.set('dies', 'permanent');
    await Promise.all([1, 2, 3].map((n) => app.publish(`stats-${n}`, { n, label: 'counted' })));
    await app.publish('stats-dead', { n: 9, label: 'dies' });
    await eventually(async () => expect(await app.effects('test.recorder')).toHaveLength(3));

    const stats = await eventually(async () => {
      const response = await api(app.url).get('/v1/admin/messaging/stats').expect(200);
      const recorder = response.body.consumers.find((c: { consumer: string }) => c.consumer === 'test.recorder');
      expect(recorder).toMatchObject({ backlog: 0, dead: 1 });
      return response.body;
    });
    expect(stats.relay).toMatchObject({ running: true, workers: 2 });
    const recorder = stats.consumers.find((c: { consumer: string }) => c.consumer === 'test.recorder');
    expect(recorder.throughputPerSecond).toBeGreaterThan(0);
    expect(recorder.latency.p50Ms).toEqual(expect.any(Number));
    expect(recorder.latency.p99Ms).toBeGreaterThanOrEqual(recorder.latency.p50Ms);

    const metrics = await api(app.url).get('/metrics').expect(200);
    expect(metrics.text).toMatch(/messaging_dead_letters\{consumer="test.recorder"\} 1/);
    // A drained queue (nothing pending, nothing dead) still has its series, at 0.
    await eventually(async () => expect(await app.effects('test.audit')).toHaveLength(4));
    const drained = await api(app.url).get('/metrics').expect(200);
    expect(drained.text).toMatch(/messaging_backlog\{consumer="test.audit"\} 0/);
    expect(metrics.text).toMatch(/messaging_deliveries_total\{consumer="test.recorder",outcome="done"\} \d+/);
    expect(metrics.text).toMatch(/messaging_commit_to_handled_seconds_bucket\{le="0.1",consumer="test.recorder"\} \d+/);
  });

  it('reports an event that waits too long as lag, and stays ready: readiness is about this instance', async () => {
    await api(app.url).get('/health/ready').expect(200);
    behaviour.hangs.add('slow');
    await app.publish('slow-subject', { n: 1, label: 'slow' });

    const lagging = await eventually(
      async () => {
        const ready = await api(app.url).get('/health/ready').expect(200);
        expect(ready.body.info.outbox).toMatchObject({ status: 'up', lagging: true });
        return ready;
      },
      { timeoutMs: 10_000 },
    );
    expect(lagging.body.info.outbox.oldestWaitingEventAgeSeconds).toBeGreaterThan(0);
    const metrics = await api(app.url).get('/metrics').expect(200);
    expect(metrics.text).toMatch(/messaging_oldest_pending_age_seconds\{consumer="test.recorder"\} [1-9]/);

    behaviour.releaseHangs();
    await eventually(async () => {
      const ready = await api(app.url).get('/health/ready').expect(200);
      expect(ready.body.info.outbox.lagging).toBe(false);
    });
    // Everything the event caused is done before the next test counts rows.
    await eventually(async () => {
      const rows = await app.dataSource.query(
        `SELECT 1 FROM platform.event_deliveries WHERE status IN ('pending', 'in_flight')`,
      );
      expect(rows).toHaveLength(0);
    });
  });

  it('prunes old finished work, and never pending or dead work', async () => {
    behaviour.failures.set('dead', 'permanent');
    const done = await app.publish('old-done', { n: 1, label: 'done' });
    const dead = await app.publish('old-dead', { n: 1, label: 'dead' });
    await eventually(async () => {
      const rows = await app.dataSource.query(
        `SELECT status FROM platform.event_deliveries WHERE status IN ('pending', 'in_flight')`,
      );
      expect(rows).toHaveLength(0);
    });
    // An event still waiting for one of its consumers (the other is done), as old as the others.
    behaviour.hangs.add('waiting');
    const waiting = await app.publish('old-waiting', { n: 1, label: 'waiting' });
    await eventually(async () => {
      const rows = await app.dataSource.query(
        `SELECT status FROM platform.event_deliveries WHERE status IN ('pending', 'in_flight')`,
      );
      expect(rows).toEqual([{ status: 'in_flight' }]);
    });
    await app.dataSource.query(`UPDATE platform.outbox_events SET recorded_at = now() - interval '2 hours'`);

    await app.dataSource.query(`UPDATE platform.inbox SET handled_at = now() - interval '2 hours'`);

    // Within the events' own retention (EVENTS_RETENTION_HOURS), finished events stay listed.
    expect(await app.get(RetentionService).pruneOnce(1, 3)).toMatchObject({ events: 0 });
    const removed = await app.get(RetentionService).pruneOnce(1, 1);
    // Events: `done` and the echo its recorder published. Inbox: the rows of those two events only
    // (recorder, audit, echo); `dead` and `waiting` keep theirs while they are kept.
    expect(removed).toMatchObject({ events: 2, inbox: 3 });

    const events = await app.dataSource.query<Array<{ id: string }>>(`SELECT id FROM platform.outbox_events`);
    const kept = new Set(events.map((e) => e.id));
    expect(kept.has(done)).toBe(false);
    expect(kept.has(dead)).toBe(true); // its dead delivery still needs it
    expect(kept.has(waiting)).toBe(true);
    const left = await app.dataSource.query(
      `SELECT consumer, subject, status FROM platform.event_deliveries ORDER BY subject`,
    );
    expect(left).toEqual([
      { consumer: 'test.recorder', subject: 'old-dead', status: 'dead' },
      { consumer: 'test.recorder', subject: 'old-waiting', status: 'in_flight' },
    ]);
  });

  describe('readiness with an event waiting for a retry', () => {
    let slowRetries: MessagingTestApp;

    beforeAll(async () => {
      slowRetries = await startMessagingApp({
        MESSAGING_BACKOFF_BASE_MS: '60000',
        MESSAGING_BACKOFF_MAX_MS: '60000',
        HEALTH_MAX_EVENT_AGE_SECONDS: '1',
      });
      await resetMessaging(slowRetries);
    });
    afterAll(() => slowRetries.close());

    it('stays ready: one failing event is backlog, not a stalled relay', async () => {
      // The other instance of this file shares the queue, with fast retries: it stands aside.
      await app.get(RelayService).stop();
      slowRetries.get(ConsumerBehaviour).failures.set('flaky', 'always');

      await slowRetries.publish('retrying-subject', { n: 1, label: 'flaky' });
      const recorder = await eventually(async () => {
        const stats = await api(slowRetries.url).get('/v1/admin/messaging/stats').expect(200);
        const entry = stats.body.consumers.find((c: { consumer: string }) => c.consumer === 'test.recorder');
        expect(entry).toMatchObject({ backlog: 1, oldestActiveAgeSeconds: null });
        expect(entry.oldestPendingAgeSeconds).toBeGreaterThan(1);
        return entry;
      });
      expect(recorder.dead).toBe(0);
      await api(slowRetries.url).get('/health/ready').expect(200);
      app.get(RelayService).start();
    });
  });
});
