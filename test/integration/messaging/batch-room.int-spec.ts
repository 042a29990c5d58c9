import { RelayService } from '../../../src/platform/messaging/relay/relay.service';
import { eventually } from '../../support/eventually';
import {
  deliveryState,
  resetMessaging,
  startMessagingApp,
  type MessagingTestApp,
} from '../../support/messaging/messaging-test-app';
import { ConsumerBehaviour } from '../../support/messaging/test-consumers.module';

const BATCH = 5;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Batches a consumer runs side by side', () => {
  let app: MessagingTestApp;
  let behaviour: ConsumerBehaviour;

  beforeAll(async () => {
    app = await startMessagingApp({ MESSAGING_WORKERS: '3', MESSAGING_BATCH_SIZE: String(BATCH) });
    behaviour = app.get(ConsumerBehaviour);
  });
  beforeEach(() => resetMessaging(app));
  afterEach(() => behaviour.releaseHangs());
  afterAll(() => app.close());

  const states = (ids: readonly string[]) =>
    Promise.all(ids.map(async (id) => (await deliveryState(app, id, 'test.recorder')).status));

  it('are one while its claims come back short: what arrives meanwhile waits for the batch under way, then goes in one', async () => {
    behaviour.hangs.add('running');
    const running = await app.publish('room-running', { n: 1, label: 'running' });
    await eventually(async () => expect(await states([running])).toEqual(['in_flight']));

    const waiting: string[] = [];
    for (let n = 1; n <= 3; n++) waiting.push(await app.publish(`room-waiting-${n}`, { n, label: `waiting-${n}` }));
    // Several poll intervals (100 ms in tests): with room for a second batch they would be claimed.
    await sleep(500);
    expect(await states(waiting)).toEqual(['pending', 'pending', 'pending']);

    behaviour.releaseHangs();
    await eventually(async () => expect(await states([running, ...waiting])).toEqual(['done', 'done', 'done', 'done']));
    // Handled together: one transaction, one clock for every row it wrote.
    const [{ transactions }] = await app.dataSource.query(
      `SELECT count(DISTINCT xmin::text)::int AS transactions FROM platform.inbox
       WHERE consumer = 'test.recorder' AND event_id = ANY($1::uuid[])`,
      [waiting],
    );
    expect(transactions).toBe(1);
  });

  it('are up to MESSAGING_WORKERS behind a full claim: a backlog does not wait for one batch at a time', async () => {
    const relay = app.get(RelayService);
    await relay.stop();
    const held: string[] = [];
    const behind: string[] = [];
    try {
      for (let n = 1; n <= BATCH; n++) {
        behaviour.hangs.add(`held-${n}`);
        held.push(await app.publish(`backlog-held-${n}`, { n, label: `held-${n}` }));
      }
      for (let n = 1; n <= BATCH; n++)
        behind.push(await app.publish(`backlog-behind-${n}`, { n, label: `behind-${n}` }));
    } finally {
      relay.start();
    }

    // The first claim takes the oldest five, a full batch, which hangs; the rest run beside it.
    await eventually(async () => expect(await states(behind)).toEqual(behind.map(() => 'done')));
    expect(await states(held)).toEqual(held.map(() => 'in_flight'));

    behaviour.releaseHangs();
    await eventually(async () => expect(await states(held)).toEqual(held.map(() => 'done')));
  });
});
