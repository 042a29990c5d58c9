import { connect, createServer, type AddressInfo, type Server } from 'node:net';
import request from 'supertest';
import { api } from '../../support/api';
import { ConsumerBehaviour } from '../../support/messaging/test-consumers.module';
import {
  deliveryState,
  resetMessaging,
  startMessagingApp,
  type MessagingTestApp,
} from '../../support/messaging/messaging-test-app';
import { eventually } from '../../support/eventually';
import { createVhost, type TestVhost } from '../../support/rabbitmq';

const MAX_ATTEMPTS = 4;

describe('The RabbitMQ transport', () => {
  let vhost: TestVhost;
  let app: MessagingTestApp;
  let behaviour: ConsumerBehaviour;

  beforeAll(async () => {
    vhost = await createVhost('transport');
    app = await startMessagingApp({
      MESSAGING_TRANSPORT: 'rabbitmq',
      RABBITMQ_URL: vhost.url,
      RABBITMQ_PARTITIONS: '3',
      MESSAGING_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
      LOG_LEVEL: process.env.DEBUG_LOG ?? 'silent',
    });
    behaviour = app.get(ConsumerBehaviour);
    await eventually(async () => expect((await request(app.url).get('/health/ready')).status).toBe(200));
  });
  beforeEach(async () => {
    behaviour.failures.clear();
    behaviour.jitterMs = 0;
    await resetMessaging(app);
  });
  afterAll(async () => {
    await app?.close();
    await vhost?.delete();
  });

  const handled = async (consumer: string) => (await app.effects(consumer)).map((e) => e.event_id);

  it('carries every event to every consumer once, through the partition queues', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) ids.push(await app.publish(`s-${i % 7}`, { n: i, label: 'plain' }));

    await eventually(async () => {
      expect((await handled('test.recorder')).sort()).toEqual([...ids].sort());
      expect((await handled('test.audit')).sort()).toEqual([...ids].sort());
    });
    await eventually(async () => expect((await handled('test.echo')).length).toBe(30));
    // Each went through the broker (a forwarded delivery is deleted on the broker's confirm) and
    // the outbox keeps nothing.
    const metrics = (await request(app.url).get('/metrics')).text;
    expect(metrics).toMatch(/messaging_deliveries_total\{consumer="test.recorder",outcome="forwarded"\} 30/);
    const [{ open }] = await app.dataSource.query(`SELECT count(*)::int AS open FROM platform.event_deliveries`);
    expect(open).toBe(0);
    const depths = await vhost.queueDepths();
    expect(Object.keys(depths)).toEqual(
      expect.arrayContaining(['test.recorder.0', 'test.recorder.2', 'test.recorder.dead']),
    );
  });

  it('keeps each subject in commit order across the broker', async () => {
    behaviour.jitterMs = 5;
    const published: Record<string, number[]> = {};
    for (let i = 0; i < 60; i++) {
      const subject = `order-${i % 4}`;
      (published[subject] ??= []).push(i);
      await app.publish(subject, { n: i, label: 'order' });
    }
    await eventually(async () => expect((await app.effects('test.recorder')).length).toBe(60));
    const seen: Record<string, number[]> = {};
    for (const effect of await app.effects('test.recorder')) (seen[effect.subject] ??= []).push(effect.n);
    expect(seen).toEqual(published);
  });

  it('retries a failing handler on the consuming side, behind which its subject waits, and the others flow', async () => {
    behaviour.failures.set('flaky', 2);
    const first = await app.publish('stuck', { n: 1, label: 'flaky' });
    const second = await app.publish('stuck', { n: 2, label: 'after' });
    const other = await app.publish('free', { n: 3, label: 'other' });

    await eventually(async () => expect(await handled('test.recorder')).toEqual(expect.arrayContaining([other])));
    await eventually(async () => expect((await deliveryState(app, first, 'test.recorder')).status).toBe('done'));
    await eventually(async () => expect((await deliveryState(app, second, 'test.recorder')).status).toBe('done'));
    const subjectOrder = (await app.effects('test.recorder')).filter((e) => e.subject === 'stuck').map((e) => e.n);
    expect(subjectOrder).toEqual([1, 2]);
    // Two failures on the far side, then success: three attempts, one effect.
    expect((await deliveryState(app, first, 'test.recorder')).attempts).toBe(3);
  });

  it('dead-letters an event that keeps failing where operators see it, and redrives it', async () => {
    behaviour.failures.set('poison', 'permanent');
    const id = await app.publish('poisoned', { n: 1, label: 'poison' });
    await eventually(async () => expect((await deliveryState(app, id, 'test.recorder')).status).toBe('dead'));

    const listed = await api(app.url).get('/v1/admin/messaging/dead-letters?consumer=test.recorder');
    expect(listed.status).toBe(200);
    const letter = listed.body.data.find((d: { eventId: string }) => d.eventId === id);
    expect(letter).toMatchObject({
      consumer: 'test.recorder',
      eventId: id,
      lastError: expect.stringContaining('permanent'),
    });

    behaviour.failures.delete('poison');
    expect((await api(app.url).post(`/v1/admin/messaging/dead-letters/${letter.id}/retry`)).status).toBeLessThan(300);
    await eventually(async () => expect((await deliveryState(app, id, 'test.recorder')).status).toBe('done'));
    expect((await app.effects('test.recorder')).filter((e) => e.event_id === id)).toHaveLength(1);
  });

  it('loses nothing when the broker drops every connection under load, and flows again by itself', async () => {
    const ids: string[] = [];
    const publishing = (async () => {
      for (let i = 0; i < 200; i++) ids.push(await app.publish(`load-${i % 13}`, { n: i, label: 'load' }));
    })();
    await eventually(async () => expect((await handled('test.recorder')).length).toBeGreaterThan(10));
    await vhost.closeConnections();
    await publishing;

    await eventually(async () => expect((await handled('test.recorder')).sort()).toEqual([...ids].sort()), {
      timeoutMs: 60_000,
    });
    // Exactly once: the inbox turned any redelivery into nothing.
    expect(new Set(await handled('test.recorder')).size).toBe(200);
    await eventually(async () => expect((await request(app.url).get('/health/ready')).status).toBe(200));
  });
});

describe('The RabbitMQ transport with the broker away at boot', () => {
  let vhost: TestVhost;
  let app: MessagingTestApp;
  let port: number;
  let gate: Server | undefined;

  beforeAll(async () => {
    vhost = await createVhost('away');
    // The broker's address for this app is a port where nothing listens yet; opening the gate later
    // forwards it to the real broker, as a broker coming back would.
    port = await freePort();
    const url = new URL(vhost.url);
    url.port = String(port);
    app = await startMessagingApp({ MESSAGING_TRANSPORT: 'rabbitmq', RABBITMQ_URL: url.toString() });
    await resetMessaging(app);
  });
  afterAll(async () => {
    await app?.close();
    gate?.close();
    await vhost?.delete();
  });

  it('starts, reports not ready, keeps the events in the outbox, and delivers them once the broker is back', async () => {
    const id = await app.publish('waiting', { n: 1, label: 'plain' });
    const ready = await request(app.url).get('/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.details.broker).toMatchObject({ status: 'down' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await deliveryState(app, id, 'test.recorder')).toMatchObject({ status: 'pending', attempts: 0 });

    gate = await forward(port, Number(new URL(vhost.url).port || 5672));
    await eventually(async () => expect((await deliveryState(app, id, 'test.recorder')).status).toBe('done'), {
      timeoutMs: 30_000,
    });
    expect((await request(app.url).get('/health/ready')).status).toBe(200);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A TCP forwarder from `from` to the broker's port on loopback. */
async function forward(from: number, to: number): Promise<Server> {
  const server = createServer((client) => {
    const upstream = connect(to, '127.0.0.1');
    client.pipe(upstream).pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end);
    upstream.on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(from, '127.0.0.1', resolve));
  return server;
}
