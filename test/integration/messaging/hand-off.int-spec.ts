import { DeliveryStore } from '../../../src/platform/messaging/relay/delivery-store';
import { RelayService } from '../../../src/platform/messaging/relay/relay.service';
import { eventually } from '../../support/eventually';
import {
  deliveryState,
  resetMessaging,
  startMessagingApp,
  type MessagingTestApp,
} from '../../support/messaging/messaging-test-app';
import { ConsumerBehaviour } from '../../support/messaging/test-consumers.module';

/** The ids of the events every claim on `app` has returned so far. */
function claimedEvents(app: MessagingTestApp): () => Promise<Set<string>> {
  const claim = jest.spyOn(app.get(DeliveryStore), 'claim');
  return async () => {
    const batches = await Promise.all(
      claim.mock.results.map((result) => result.value as ReturnType<DeliveryStore['claim']>),
    );
    return new Set(batches.flat().map((delivery) => delivery.event.id));
  };
}

describe('Deliveries handed over by the transaction that writes them', () => {
  describe('to a consumer idle in the same process', () => {
    let app: MessagingTestApp;
    let behaviour: ConsumerBehaviour;

    beforeAll(async () => {
      app = await startMessagingApp();
      behaviour = app.get(ConsumerBehaviour);
      await resetMessaging(app);
    });
    afterAll(() => app.close());
    afterEach(() => {
      behaviour.releaseHangs();
      jest.restoreAllMocks();
    });

    it('are handled without being claimed, once, at the first attempt', async () => {
      const claimed = claimedEvents(app);
      const eventId = await app.publish('handed-1', { n: 1, label: 'handed-1' });

      await eventually(async () =>
        expect(await deliveryState(app, eventId, 'test.recorder')).toMatchObject({ status: 'done', attempts: 1 }),
      );
      expect((await claimed()).has(eventId)).toBe(false);
      expect((await app.effects('test.recorder')).filter((e) => e.event_id === eventId)).toHaveLength(1);
    });

    it("are written to wait for a claim while the subject's previous delivery is still open, and keep their order", async () => {
      behaviour.hangs.add('queued#1');
      const first = await app.publish('queued', { n: 1, label: 'queued#1' });
      await eventually(async () =>
        expect(await deliveryState(app, first, 'test.recorder')).toMatchObject({ status: 'in_flight', attempts: 1 }),
      );

      const second = await app.publish('queued', { n: 2, label: 'queued#2' });
      expect(await deliveryState(app, second, 'test.recorder')).toMatchObject({ status: 'pending', attempts: 0 });

      behaviour.releaseHangs();
      await eventually(async () =>
        expect((await app.effects('test.recorder')).filter((e) => e.subject === 'queued').map((e) => e.label)).toEqual([
          'queued#1',
          'queued#2',
        ]),
      );
    });

    it('are not taken while the relay is stopped: they wait for it', async () => {
      const relay = app.get(RelayService);
      await relay.stop();
      try {
        const eventId = await app.publish('stopped', { n: 1, label: 'stopped' });
        expect(await deliveryState(app, eventId, 'test.recorder')).toMatchObject({ status: 'pending', attempts: 0 });
        relay.start();
        await eventually(async () =>
          expect(await deliveryState(app, eventId, 'test.recorder')).toMatchObject({ status: 'done', attempts: 1 }),
        );
      } finally {
        relay.start();
      }
    });
  });
});
