import { Client } from 'pg';
import { OUTBOX_CHANNEL, outboxNotice } from '../../../src/platform/messaging/messaging.signals';
import { OutboxListener } from '../../../src/platform/messaging/relay/outbox-listener';
import { eventually } from '../../support/eventually';
import { testDatabaseUrl } from '../../support/test-env';

describe('OutboxListener', () => {
  const heard: Array<readonly string[] | undefined> = [];
  const listener = new OutboxListener(testDatabaseUrl(), (consumers) => heard.push(consumers), 'instance-a');
  const sender = new Client({ connectionString: testDatabaseUrl() });
  const notify = (payload: string) => sender.query(`SELECT pg_notify($1, $2)`, [OUTBOX_CHANNEL, payload]);

  beforeAll(async () => {
    await sender.connect();
    listener.start();
    // Once listening, it asks for a look at every consumer (what committed before it listened).
    await eventually(() => expect(heard).toStrictEqual([undefined]));
  });
  afterAll(async () => {
    await listener.stop();
    await sender.end();
  });

  it("passes on other instances' commits, and skips its own: the in-process signal told of those", async () => {
    await notify(outboxNotice('instance-a', ['risk.assess-payment']));
    await notify(outboxNotice('instance-b', ['accounts.execute-transfer', 'payments.settle']));
    // A payload without an origin (an older instance): passed on.
    await notify('notifications.record');
    await eventually(() =>
      expect(heard.slice(1)).toEqual([['accounts.execute-transfer', 'payments.settle'], ['notifications.record']]),
    );
  });
});
