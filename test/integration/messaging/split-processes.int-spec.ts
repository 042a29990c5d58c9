import { Client } from 'pg';
import { spawnTs, type Child } from '../../support/child-process';
import { eventually } from '../../support/eventually';
import { resetMessaging, startMessagingApp, type MessagingTestApp } from '../../support/messaging/messaging-test-app';
import { createVhost, type TestVhost } from '../../support/rabbitmq';
import { freshDatabase } from '../../support/split-app';

const WORKER = 'test/support/messaging/relay-worker.main.ts';

/** The recorder's effects in the consuming process's own database. */
async function effectsIn(database: string): Promise<Array<{ event_id: string; subject: string; n: number }>> {
  const client = new Client({ connectionString: database });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT event_id, subject, n FROM test_effects WHERE consumer = 'test.recorder' ORDER BY id`,
    );
    return rows;
  } catch {
    return []; // The table is made when the consuming process first starts.
  } finally {
    await client.end();
  }
}

describe('Consumers in a process of their own, on a database of their own, fed by RabbitMQ', () => {
  let vhost: TestVhost;
  let publisher: MessagingTestApp;
  let consumerDatabase: string;
  let consumer: Child | undefined;
  // A queue's arguments are fixed when it is declared: both sides declare the same.
  const broker = () => ({
    MESSAGING_TRANSPORT: 'rabbitmq',
    RABBITMQ_URL: vhost.url,
    RABBITMQ_DELIVERY_LIMIT: '1',
    LOG_LEVEL: process.env.DEBUG_LOG ?? 'silent',
  });
  const consumerEnv = (hangLabels = '') => ({
    CHILD_ENV: JSON.stringify({
      ...broker(),
      DATABASE_URL: consumerDatabase,
      RABBITMQ_PREFETCH: '50',
      MESSAGING_BATCH_SIZE: '50',
    }),
    JITTER_MS: '3',
    HANG_LABELS: hangLabels,
  });

  beforeAll(async () => {
    vhost = await createVhost('split');
    consumerDatabase = await freshDatabase('consumer');
    // Hosts no consumer: every delivery it writes is for the other process.
    publisher = await startMessagingApp(broker(), { hostsConsumers: false });
    await resetMessaging(publisher);
  });
  afterAll(async () => {
    await consumer?.kill();
    await publisher?.close();
    await vhost?.delete();
  });

  it('loses nothing and does nothing twice when the consuming process is killed mid-batch and restarted', async () => {
    const published: Record<string, number[]> = {};
    for (let i = 0; i < 300; i++) {
      const subject = `kill-${i % 20}`;
      (published[subject] ??= []).push(i);
      await publisher.publish(subject, { n: i, label: 'ok' });
    }
    // They wait in the broker; the consumer starts on a full queue, so the kill finds it mid-way.
    consumer = await spawnTs(WORKER, consumerEnv());
    await eventually(async () => expect((await effectsIn(consumerDatabase)).length).toBeGreaterThan(40), {
      timeoutMs: 30_000,
    });
    await consumer.kill();
    const atKill = (await effectsIn(consumerDatabase)).length;
    expect(atKill).toBeLessThan(300);

    consumer = await spawnTs(WORKER, consumerEnv());
    await eventually(async () => expect((await effectsIn(consumerDatabase)).length).toBeGreaterThanOrEqual(300), {
      timeoutMs: 60_000,
    });
    const effects = await effectsIn(consumerDatabase);
    expect(effects).toHaveLength(300);
    expect(new Set(effects.map((e) => e.event_id)).size).toBe(300);
    const seen: Record<string, number[]> = {};
    for (const effect of effects) (seen[effect.subject] ??= []).push(effect.n);
    expect(seen).toEqual(published);
    // The publisher's outbox has let go of every delivery, and kept no effect: nothing is shared but the broker.
    const [{ open }] = await publisher.dataSource.query(`SELECT count(*)::int AS open FROM platform.event_deliveries`);
    expect(open).toBe(0);
    expect(await publisher.effects('test.recorder')).toEqual([]);
  });

  it('dead-letters a message that keeps killing its consumer, for operators to see, and the subject flows on', async () => {
    const id = await publisher.publish('poisoned', { n: 1, label: 'poison' });
    // Each consumer takes it and never returns (a crash in the making); it is killed, and the broker
    // counts the delivery. Past RABBITMQ_DELIVERY_LIMIT the queue dead-letters it.
    for (let attempt = 0; attempt < 2; attempt++) {
      await consumer?.kill();
      consumer = await spawnTs(WORKER, consumerEnv('poison'));
      await new Promise((resolve) => setTimeout(resolve, 1500));
    }
    await consumer?.kill();
    consumer = await spawnTs(WORKER, consumerEnv());
    await eventually(
      async () =>
        expect(await deadIn(consumerDatabase, id)).toMatchObject({
          status: 'dead',
          parked: true,
          last_error: expect.stringContaining('Dead-lettered by RabbitMQ (delivery_limit'),
        }),
      { timeoutMs: 30_000 },
    );
    const after = await publisher.publish('poisoned', { n: 2, label: 'ok' });
    await eventually(async () => expect((await effectsIn(consumerDatabase)).map((e) => e.event_id)).toContain(after));
    expect((await effectsIn(consumerDatabase)).map((e) => e.event_id)).not.toContain(id);
  });
});

/** The consumer's delivery of `eventId` in its own database, if any. */
async function deadIn(database: string, eventId: string) {
  const client = new Client({ connectionString: database });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT d.status, d.parked, d.last_error FROM platform.event_deliveries d
       JOIN platform.outbox_events e ON e.seq = d.event_seq WHERE e.id = $1 AND d.consumer = 'test.recorder'`,
      [eventId],
    );
    return rows[0] ?? null;
  } finally {
    await client.end();
  }
}

describe('Processes sharing one database, each hosting some consumers, with no broker', () => {
  let publisher: MessagingTestApp;
  let consumers: MessagingTestApp;

  beforeAll(async () => {
    publisher = await startMessagingApp({}, { hostsConsumers: false });
    await resetMessaging(publisher);
    consumers = await startMessagingApp();
  });
  afterAll(async () => {
    await publisher?.close();
    await consumers?.close();
  });

  it('shares the work through the outbox: each relay claims only the consumers it hosts', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push(await publisher.publish(`shared-${i % 3}`, { n: i, label: 'ok' }));
    await eventually(async () =>
      expect((await consumers.effects('test.recorder')).map((e) => e.event_id).sort()).toEqual([...ids].sort()),
    );
    await eventually(async () => expect((await consumers.effects('test.audit')).length).toBe(20));
  });
});
