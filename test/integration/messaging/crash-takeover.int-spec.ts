import { RelayService } from '../../../src/platform/messaging/relay/relay.service';
import { spawnTs, type Child } from '../../support/child-process';
import {
  deliveryState,
  resetMessaging,
  startMessagingApp,
  type MessagingTestApp,
} from '../../support/messaging/messaging-test-app';
import { eventually } from '../../support/eventually';

const WORKER = 'test/support/messaging/relay-worker.main.ts';
const LEASE = { MESSAGING_LEASE_MS: '1500', MESSAGING_WORKERS: '1', MESSAGING_BATCH_SIZE: '50' };

/** Where the recorder stands with the one event of `subject`. */
async function recorderState(app: MessagingTestApp, subject: string) {
  const [event] = await app.dataSource.query(
    `SELECT id FROM platform.outbox_events WHERE subject = $1 AND type = 'test.happened'`,
    [subject],
  );
  return deliveryState(app, event.id, 'test.recorder');
}

describe('A relay that dies in the middle of a batch', () => {
  let app: MessagingTestApp;
  let child: Child | undefined;

  afterEach(async () => {
    await child?.kill();
    await app?.close();
  });

  it('has its work taken over by another instance once its lease runs out, each event handled once', async () => {
    // This instance only publishes until the child is dead; then its relay takes over.
    app = await startMessagingApp({ ...LEASE, MESSAGING_RELAY_ENABLED: 'false' });
    await resetMessaging(app);
    child = await spawnTs(WORKER, { CHILD_ENV: JSON.stringify(LEASE), HANG_LABELS: 'hang' });

    const subjects = Array.from({ length: 10 }, (_, n) => `takeover-${n}`);
    // One transaction, so that the child claims all of them in one batch.
    await app.publishTogether(subjects.map((subject, n) => ({ subject, data: { n, label: n === 6 ? 'hang' : 'ok' } })));

    // The child has claimed the whole batch and is stuck inside it: nothing of it has committed.
    await eventually(async () => {
      for (const subject of subjects)
        expect(await recorderState(app, subject)).toMatchObject({ status: 'in_flight', attempts: 1 });
    }).catch((error: unknown) => {
      throw new Error(`${String(error)}\nchild output:\n${child?.output()}`);
    });

    expect(await app.effects('test.recorder')).toHaveLength(0);

    await child.kill();
    app.get(RelayService).start();

    await eventually(async () => expect(await app.effects('test.recorder')).toHaveLength(subjects.length));
    for (const subject of subjects)
      expect(await recorderState(app, subject)).toMatchObject({ status: 'done', attempts: 2 });
    expect(new Set((await app.effects('test.recorder')).map((e) => e.subject))).toEqual(new Set(subjects));
  });

  it('counts the crash as an attempt, so an event that kills its worker ends in the dead letters', async () => {
    const oneAttempt = { ...LEASE, MESSAGING_MAX_ATTEMPTS: '1' };
    app = await startMessagingApp({ ...oneAttempt, MESSAGING_RELAY_ENABLED: 'false' });
    await resetMessaging(app);
    child = await spawnTs(WORKER, { CHILD_ENV: JSON.stringify(oneAttempt), HANG_LABELS: 'poison' });

    await app.publish('poison-subject', { n: 1, label: 'poison' });
    await eventually(async () =>
      expect(await recorderState(app, 'poison-subject')).toMatchObject({ status: 'in_flight' }),
    );
    await child.kill();
    app.get(RelayService).start();

    await eventually(async () =>
      expect(await recorderState(app, 'poison-subject')).toMatchObject({
        status: 'dead',
        attempts: 2,
        last_error: expect.stringContaining('never finished'),
      }),
    );
    expect(await app.effects('test.recorder')).toHaveLength(0);
  });
});
