import {
  deliveriesCounted,
  resetMessaging,
  startMessagingApp,
  type MessagingTestApp,
} from '../../support/messaging/messaging-test-app';
import { ListenerPresence } from '../../../src/platform/messaging/relay/listener-presence';
import { eventually } from '../../support/eventually';

const handledBy = (app: MessagingTestApp, consumer: string) => deliveriesCounted(app, consumer, 'done');

describe('Several instances on one database', () => {
  describe('sharing the queue', () => {
    let first: MessagingTestApp;
    let second: MessagingTestApp;

    beforeAll(async () => {
      // Emptied before either relay runs. Reset after they started, a delivery an earlier test file
      // left behind could be handled and counted by one of them and its effect then deleted: that
      // explains a run whose metric said 501 while the effects were exactly this test's 500.
      const idle = await startMessagingApp({ MESSAGING_RELAY_ENABLED: 'false' });
      await resetMessaging(idle);
      await idle.close();
      const env = { MESSAGING_WORKERS: '2', MESSAGING_BATCH_SIZE: '10' };
      first = await startMessagingApp(env);
      second = await startMessagingApp(env);
    });
    afterAll(async () => {
      await first.close();
      await second.close();
    });

    it('handles every event exactly once between them', async () => {
      const total = 500;
      const ids = await Promise.all(
        Array.from({ length: total }, (_, n) =>
          (n % 2 ? first : second).publish(`shared-${n}`, { n, label: 'shared' }),
        ),
      );

      for (const consumer of ['test.recorder', 'test.audit']) {
        const effects = await eventually(
          async () => {
            const rows = await first.effects(consumer);
            expect(rows).toHaveLength(total);
            return rows;
          },
          { timeoutMs: 30_000 },
        );
        expect(new Set(effects.map((e) => e.event_id))).toEqual(new Set(ids));
      }
      // Both instances took part. A batch is counted just after its commit, so its effects can be
      // seen a moment before its count: wait until every event is counted, then check none was twice.
      const counted = await eventually(
        async () => {
          const sum = (await handledBy(first, 'test.recorder')) + (await handledBy(second, 'test.recorder'));
          expect(sum).toBeGreaterThanOrEqual(total);
          return sum;
        },
        { timeoutMs: 10_000 },
      );
      expect(counted).toBe(total);
      expect(await handledBy(first, 'test.recorder')).toBeGreaterThan(0);
      expect(await handledBy(second, 'test.recorder')).toBeGreaterThan(0);
    });
  });

  describe('waking each other with NOTIFY', () => {
    let publisher: MessagingTestApp;
    let consumer: MessagingTestApp;

    beforeAll(async () => {
      // A one-minute poll: only a notification can make delivery fast. The publisher is an
      // API-only instance (no relay), so its own commits cannot wake anything in the consumer.
      consumer = await startMessagingApp({ MESSAGING_POLL_INTERVAL_MS: '60000' });
      publisher = await startMessagingApp({ MESSAGING_RELAY_ENABLED: 'false' });
      await resetMessaging(consumer);
    });
    afterAll(async () => {
      await publisher.close();
      await consumer.close();
    });

    const listenerBackends = async () =>
      consumer.dataSource.query<Array<{ pid: number }>>(
        `SELECT pid FROM pg_stat_activity WHERE application_name LIKE 'payments-platform-listener%' AND datname = current_database()`,
      );

    it('delivers an event published by another instance within moments', async () => {
      await eventually(async () => expect(await listenerBackends()).toHaveLength(1));
      const id = await publisher.publish('notify-1', { n: 1, label: 'notified' });
      await eventually(
        async () => expect((await consumer.effects('test.recorder')).map((e) => e.event_id)).toEqual([id]),
        {
          timeoutMs: 3000,
        },
      );
    });

    it('reconnects its LISTEN connection after losing it', async () => {
      const [before] = await listenerBackends();
      await consumer.dataSource.query(`SELECT pg_terminate_backend($1)`, [before.pid]);
      await eventually(async () => {
        const now = await listenerBackends();
        expect(now).toHaveLength(1);
        expect(now[0].pid).not.toBe(before.pid);
      });
      const id = await publisher.publish('notify-2', { n: 2, label: 'notified-again' });
      await eventually(
        async () => expect((await consumer.effects('test.recorder')).map((e) => e.event_id)).toContain(id),
        {
          timeoutMs: 3000,
        },
      );
    });
  });

  describe('sending NOTIFY only while another instance listens', () => {
    it('stops notifying when alone, and starts again when another instance starts listening', async () => {
      const alone = await startMessagingApp();
      try {
        const presence = alone.get(ListenerPresence);
        // Its own listener does not count.
        await eventually(() => expect(presence.wanted).toBe(false), { timeoutMs: 5000 });
        const other = await startMessagingApp();
        try {
          await eventually(() => expect(presence.wanted).toBe(true), { timeoutMs: 5000 });
        } finally {
          await other.close();
        }
        await eventually(() => expect(presence.wanted).toBe(false), { timeoutMs: 5000 });
      } finally {
        await alone.close();
      }
    });
  });
});
