import { ConsumerBehaviour } from '../../support/messaging/test-consumers.module';
import { resetMessaging, startMessagingApp, type MessagingTestApp } from '../../support/messaging/messaging-test-app';
import { eventually } from '../../support/eventually';

describe('Ordering per subject', () => {
  describe('under concurrency, with several workers in two instances', () => {
    let first: MessagingTestApp;
    let second: MessagingTestApp;

    beforeAll(async () => {
      const env = { MESSAGING_WORKERS: '3', MESSAGING_BATCH_SIZE: '7' };
      first = await startMessagingApp(env);
      second = await startMessagingApp(env);
      await resetMessaging(first);
      for (const app of [first, second]) app.get(ConsumerBehaviour).jitterMs = 5;
    });
    afterAll(async () => {
      await first.close();
      await second.close();
    });

    it("delivers each subject's events to a consumer in commit order, each exactly once", async () => {
      const subjects = Array.from({ length: 20 }, (_, i) => `ordered-${i}`);
      const perSubject = 8;
      // Some events fail once: their subject must wait for the retry, not skip ahead.
      for (const app of [first, second]) {
        for (const subject of subjects.filter((_, i) => i % 3 === 0))
          app.get(ConsumerBehaviour).failures.set(`${subject}#3`, 1);
      }
      await Promise.all(
        subjects.map(async (subject, i) => {
          const publisher = i % 2 === 0 ? first : second;
          for (let n = 1; n <= perSubject; n++) await publisher.publish(subject, { n, label: `${subject}#${n}` });
        }),
      );

      const total = subjects.length * perSubject;
      const effects = await eventually(
        async () => {
          const rows = await first.effects('test.recorder');
          expect(rows).toHaveLength(total);
          return rows;
        },
        { timeoutMs: 30_000 },
      );
      for (const subject of subjects) {
        expect(effects.filter((e) => e.subject === subject).map((e) => e.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      }
      expect(new Set(effects.map((e) => e.event_id)).size).toBe(total);
      await eventually(async () => expect(await first.effects('test.audit')).toHaveLength(total), {
        timeoutMs: 30_000,
      });
    });
  });

  describe('with no poll to fall back on', () => {
    let app: MessagingTestApp;

    beforeAll(async () => {
      // A poll an hour apart: only the claims that commits and finished batches start deliver here.
      app = await startMessagingApp({ MESSAGING_POLL_INTERVAL_MS: '3600000' });
      await resetMessaging(app);
    });
    afterAll(() => app.close());

    const delivered = (prefix: string) =>
      eventually(async () => {
        const labels = (await app.effects('test.recorder')).map((e) => e.label);
        expect(labels.filter((label) => label.startsWith(prefix))).toEqual([1, 2, 3].map((n) => `${prefix}#${n}`));
      });

    it("goes on to a subject's next events as its batch ends, when they were queued behind it", async () => {
      // Committed together: when the first is claimed, the others wait behind it, and nothing else comes.
      await app.publishTogether([1, 2, 3].map((n) => ({ subject: 'queued', data: { n, label: `queued#${n}` } })));
      await delivered('queued');
    });

    it("goes on to a subject's next events as its batch ends, when they came while it ran", async () => {
      const behaviour = app.get(ConsumerBehaviour);
      behaviour.hangs.add('chained#1');
      await app.publish('chained', { n: 1, label: 'chained#1' });
      await eventually(async () => {
        const rows = await app.dataSource.query<Array<{ status: string }>>(
          `SELECT status FROM platform.event_deliveries WHERE consumer = 'test.recorder' AND subject = 'chained'`,
        );
        expect(rows).toEqual([{ status: 'in_flight' }]);
      });
      // Committed while the first is handled: the claims their commits start find nothing to take.
      for (let n = 2; n <= 3; n++) await app.publish('chained', { n, label: `chained#${n}` });
      behaviour.releaseHangs();
      await delivered('chained');
    });
  });

  describe('a failing subject', () => {
    let app: MessagingTestApp;
    let behaviour: ConsumerBehaviour;

    beforeAll(async () => {
      app = await startMessagingApp({
        MESSAGING_MAX_ATTEMPTS: '100',
        MESSAGING_BACKOFF_BASE_MS: '30',
        MESSAGING_BACKOFF_MAX_MS: '60',
      });
      behaviour = app.get(ConsumerBehaviour);
      await resetMessaging(app);
    });
    afterAll(() => app.close());

    it('holds back only itself, and resumes in order once its head succeeds', async () => {
      behaviour.failures.set('stuck#1', 'always');
      await app.publish('stuck', { n: 1, label: 'stuck#1' });
      await app.publish('stuck', { n: 2, label: 'stuck#2' });
      await app.publish('flowing', { n: 1, label: 'flowing#1' });
      await app.publish('flowing', { n: 2, label: 'flowing#2' });

      await eventually(async () => {
        expect((await app.effects('test.recorder')).map((e) => e.label)).toEqual(['flowing#1', 'flowing#2']);
        const [head] = await app.dataSource.query(
          `SELECT attempts FROM platform.event_deliveries WHERE consumer = 'test.recorder' AND subject = 'stuck' ORDER BY event_seq LIMIT 1`,
        );
        expect(head.attempts).toBeGreaterThanOrEqual(3);
      });
      // stuck#2 is ready to run, yet untouched: it waits behind stuck#1.
      const [second] = await app.dataSource.query(
        `SELECT status, attempts FROM platform.event_deliveries WHERE consumer = 'test.recorder' AND subject = 'stuck' ORDER BY event_seq DESC LIMIT 1`,
      );
      expect(second).toEqual({ status: 'pending', attempts: 0 });

      behaviour.failures.delete('stuck#1');
      await eventually(async () =>
        expect((await app.effects('test.recorder')).filter((e) => e.subject === 'stuck').map((e) => e.n)).toEqual([
          1, 2,
        ]),
      );
    });
  });
});
