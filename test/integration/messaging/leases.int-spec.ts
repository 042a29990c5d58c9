import { ConsumerBehaviour } from '../../support/messaging/test-consumers.module';
import {
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
    const env = { MESSAGING_LEASE_MS: '1000', MESSAGING_POLL_INTERVAL_MS: '50' };
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
});
