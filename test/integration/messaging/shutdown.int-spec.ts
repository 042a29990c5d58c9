import { MESSAGE_TRANSPORT, type MessageTransport } from '../../../src/platform/messaging/transport/message-transport';
import { DeliveryStore } from '../../../src/platform/messaging/relay/delivery-store';
import {
  deliveryState,
  resetMessaging,
  startMessagingApp,
  type MessagingTestApp,
} from '../../support/messaging/messaging-test-app';

describe('Stopping: the transport and the store give back work not started', () => {
  let app: MessagingTestApp;

  beforeAll(async () => {
    // No relay of its own: the test claims and delivers by hand.
    app = await startMessagingApp({ MESSAGING_RELAY_ENABLED: 'false' });
    await resetMessaging(app);
  });
  afterAll(() => app.close());

  it('gives back work claimed but not started, without counting an attempt', async () => {
    const store = app.get(DeliveryStore);
    const transport = app.get<MessageTransport>(MESSAGE_TRANSPORT);
    const ids = await app.publishTogether([
      { subject: 'stop-1', data: { n: 1, label: 'stop' } },
      { subject: 'stop-2', data: { n: 2, label: 'stop' } },
    ]);
    const claimed = await store.claim(['test.audit'], 10, 'stopping-worker', 60_000);
    expect(claimed).toHaveLength(2);

    const outcomes = await transport.deliver('test.audit', claimed, 'stopping-worker', AbortSignal.abort());
    expect(outcomes.map((o) => o.status)).toEqual(['released', 'released']);
    expect(await app.effects('test.audit')).toEqual([]);

    await store.release(
      outcomes.map((o) => o.id),
      'stopping-worker',
    );
    for (const id of ids) {
      expect(await deliveryState(app, id, 'test.audit')).toMatchObject({ status: 'pending', attempts: 0 });
    }
    // Ready again at once, for whichever worker comes next.
    expect(await store.claim(['test.audit'], 10, 'next-worker', 60_000)).toHaveLength(2);
  });
});
