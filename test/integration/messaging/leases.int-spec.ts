import { ConsumerBehaviour } from '../../support/messaging/test-consumers.module';
import {
  deliveriesCounted,
  deliveryState,
  resetMessaging,
  startMessagingApp,
  type MessagingTestApp,
} from '../../support/messaging/messaging-test-app';
import { eventually } from '../../support/eventually';

describe('Leases', () => {
  let first: MessagingTestApp;
  let second: MessagingTestApp;

  beforeAll(async () => {
    const env = { MESSAGING_LEASE_MS: '1000', MESSAGING_POLL_INTERVAL_MS: '50', MESSAGING_BACKOFF_BASE_MS: '50' };
    first = await startMessagingApp(env);
    second = await startMessagingApp(env);
    await resetMessaging(first);
  });
  afterAll(async () => {
    for (const app of [first, second]) app.get(ConsumerBehaviour).releaseHangs();
    await first.close();
    await second.close();
  });

  it('are renewed while a live worker is still handling, so a slow handler is never taken over', async () => {
    for (const app of [first, second]) app.get(ConsumerBehaviour).hangs.add('slow');
    const id = await first.publish('slow-subject', { n: 1, label: 'slow' });

    await eventually(async () =>
      expect(await deliveryState(first, id, 'test.recorder')).toMatchObject({ status: 'in_flight' }),
    );
    // Three leases long: without renewal the other instance would have claimed it again.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(await deliveryState(first, id, 'test.recorder')).toMatchObject({ status: 'in_flight', attempts: 1 });

    for (const app of [first, second]) app.get(ConsumerBehaviour).releaseHangs();
    await eventually(async () =>
      expect(await deliveryState(first, id, 'test.recorder')).toEqual({
        status: 'done',
        attempts: 1,
        last_error: null,
      }),
    );
    expect((await first.effects('test.recorder')).filter((e) => e.event_id === id)).toHaveLength(1);
  });

  it('finish as a duplicate, not a second "done", a delivery whose event another worker handled first', async () => {
    const apps = [first, second];
    for (const app of apps) app.get(ConsumerBehaviour).hangs.add('overtaken');
    const id = await first.publish('overtaken-subject', { n: 1, label: 'overtaken' });
    await eventually(async () =>
      expect(await deliveryState(first, id, 'test.recorder')).toMatchObject({ status: 'in_flight' }),
    );
    // While the handler hangs, a worker whose lease ran out would record the event as handled.
    await first.dataSource.query(`INSERT INTO platform.inbox (consumer, event_id, attempts) VALUES ($1, $2, 1)`, [
      'test.recorder',
      id,
    ]);
    const counted = async (outcome: string) =>
      (await deliveriesCounted(first, 'test.recorder', outcome)) +
      (await deliveriesCounted(second, 'test.recorder', outcome));
    const doneBefore = await counted('done');
    for (const app of apps) app.get(ConsumerBehaviour).releaseHangs();

    // The hanging worker's inbox row collides: its effects roll back, and the retry only finishes it.
    await eventually(async () => expect(await counted('duplicate')).toBe(1));
    expect(await deliveryState(first, id, 'test.recorder')).toMatchObject({ status: 'done' });
    expect(await counted('done')).toBe(doneBefore);
    expect((await first.effects('test.recorder')).filter((e) => e.event_id === id)).toHaveLength(0);
  });
});
