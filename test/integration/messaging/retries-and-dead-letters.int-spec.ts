import { api } from '../../support/api';
import { ConsumerBehaviour } from '../../support/messaging/test-consumers.module';
import {
  deliveryState,
  resetMessaging,
  startMessagingApp,
  type MessagingTestApp,
} from '../../support/messaging/messaging-test-app';
import { eventually } from '../../support/eventually';

const MAX_ATTEMPTS = 4;

describe('Retries, dead letters and replay', () => {
  let app: MessagingTestApp;
  let behaviour: ConsumerBehaviour;

  beforeAll(async () => {
    app = await startMessagingApp({ MESSAGING_MAX_ATTEMPTS: String(MAX_ATTEMPTS) });
    behaviour = app.get(ConsumerBehaviour);
  });
  beforeEach(async () => {
    behaviour.failures.clear();
    await resetMessaging(app);
  });
  afterAll(() => app.close());

  const delivery = (eventId: string, consumer: string) => deliveryState(app, eventId, consumer);

  it('retries a handler that fails twice, then has exactly one effect', async () => {
    behaviour.failures.set('flaky', 2);
    const id = await app.publish('flaky-subject', { n: 1, label: 'flaky' });

    await eventually(async () => expect((await delivery(id, 'test.recorder')).status).toBe('done'));
    expect(await delivery(id, 'test.recorder')).toMatchObject({ attempts: 3, last_error: null });
    const effects = await app.effects('test.recorder');
    expect(effects.filter((e) => e.event_id === id)).toHaveLength(1);
    // The failed attempts rolled back what they published, too: one echo only.
    await eventually(async () =>
      expect((await app.effects('test.echo')).filter((e) => e.label === id)).toHaveLength(1),
    );
  });

  it('never makes another consumer of the same event run again when one consumer fails', async () => {
    behaviour.failures.set('isolated', 2);
    const id = await app.publish('isolated-subject', { n: 1, label: 'isolated' });

    await eventually(async () => expect((await delivery(id, 'test.recorder')).status).toBe('done'));
    expect(await delivery(id, 'test.audit')).toMatchObject({ status: 'done', attempts: 1 });
    expect((await app.effects('test.audit')).filter((e) => e.event_id === id)).toHaveLength(1);
  });

  it('fails only the bad event of a batch: its neighbours commit', async () => {
    behaviour.failures.set('poison', 'always');
    // One commit, so the three are claimed as one batch.
    const ids = await app.publishTogether([
      { subject: 'batch-a', data: { n: 1, label: 'fine' } },
      { subject: 'batch-b', data: { n: 1, label: 'poison' } },
      { subject: 'batch-c', data: { n: 1, label: 'fine' } },
    ]);
    await eventually(async () => {
      expect((await delivery(ids[0], 'test.recorder')).status).toBe('done');
      expect((await delivery(ids[2], 'test.recorder')).status).toBe('done');
    });
    expect((await app.effects('test.recorder')).map((e) => e.label).sort()).toEqual(['fine', 'fine']);
  });

  it('sends a handler that always fails to the dead letters, and a retry after the fix succeeds once', async () => {
    behaviour.failures.set('broken', 'always');
    const id = await app.publish('broken-subject', { n: 1, label: 'broken' });

    await eventually(async () => expect((await delivery(id, 'test.recorder')).status).toBe('dead'));
    const dead = await delivery(id, 'test.recorder');
    expect(dead.attempts).toBe(MAX_ATTEMPTS);
    expect(dead.last_error).toContain('planned failure for broken');
    expect((await app.effects('test.recorder')).filter((e) => e.event_id === id)).toHaveLength(0);

    const list = await api(app.url)
      .get('/v1/admin/messaging/dead-letters')
      .query({ consumer: 'test.recorder' })
      .expect(200);
    expect(list.body).toMatchObject({ hasMore: false, nextCursor: null });
    expect(list.body.data).toEqual([
      expect.objectContaining({
        id: dead.id,
        consumer: 'test.recorder',
        eventId: id,
        eventType: 'test.happened',
        subject: 'broken-subject',
        attempts: MAX_ATTEMPTS,
        lastError: expect.stringContaining('planned failure'),
        data: { n: 1, label: 'broken' },
      }),
    ]);
    const stats = await api(app.url).get('/v1/admin/messaging/stats').expect(200);
    expect(stats.body.consumers).toContainEqual(expect.objectContaining({ consumer: 'test.recorder', dead: 1 }));

    behaviour.failures.delete('broken'); // the fix is deployed
    await api(app.url).post(`/v1/admin/messaging/dead-letters/${dead.id}/retry`).expect(200, { retried: 1 });

    await eventually(async () => expect((await delivery(id, 'test.recorder')).status).toBe('done'));
    expect((await app.effects('test.recorder')).filter((e) => e.event_id === id)).toHaveLength(1);
    await api(app.url).post(`/v1/admin/messaging/dead-letters/${dead.id}/retry`).expect(404);
  });

  it('retries all dead letters matching a filter', async () => {
    behaviour.failures.set('bulk', 'permanent');
    const ids = await Promise.all([1, 2, 3].map((n) => app.publish(`bulk-${n}`, { n, label: 'bulk' })));
    await eventually(async () => {
      for (const id of ids) expect((await delivery(id, 'test.recorder')).status).toBe('dead');
    });
    behaviour.failures.delete('bulk');

    await api(app.url)
      .post('/v1/admin/messaging/dead-letters/retry')
      .send({ consumer: 'test.recorder', eventType: 'test.happened' })
      .expect(200, { retried: 3 });
    await eventually(async () =>
      expect((await app.effects('test.recorder')).filter((e) => e.label === 'bulk')).toHaveLength(3),
    );
  });

  it('sends a permanent error to the dead letters without retrying', async () => {
    behaviour.failures.set('permanent', 'permanent');
    const id = await app.publish('permanent-subject', { n: 1, label: 'permanent' });

    await eventually(async () => expect((await delivery(id, 'test.recorder')).status).toBe('dead'));
    expect(await delivery(id, 'test.recorder')).toMatchObject({
      attempts: 1,
      last_error: expect.stringContaining('PermanentError'),
    });
  });

  it('replays a delivered event without a second effect (the inbox skips it)', async () => {
    const id = await app.publish('replay-subject', { n: 1, label: 'replayed' });
    await eventually(async () => expect((await delivery(id, 'test.recorder')).status).toBe('done'));

    await api(app.url).post(`/v1/admin/messaging/events/${id}/replay`).send({}).expect(200, { replayed: 2 });
    await eventually(async () => {
      expect((await delivery(id, 'test.recorder')).status).toBe('done');
      expect((await delivery(id, 'test.audit')).status).toBe('done');
    });
    expect((await app.effects()).filter((e) => e.event_id === id)).toHaveLength(2);
  });
});
