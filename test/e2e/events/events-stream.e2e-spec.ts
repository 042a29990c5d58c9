import { connect, type Socket } from 'node:net';
import request from 'supertest';
import { newId } from '../../../src/platform/ids';
import { api } from '../../support/api';
import { ApiClient } from '../../support/api-client';
import { eventually } from '../../support/eventually';
import { startFullApp } from '../../support/full-app';
import { SseClient, type SseMessage } from '../../support/sse-client';
import type { TestApp } from '../../support/test-app';
import { TEST_ADMIN_API_KEY } from '../../support/test-env';

const FILLER = 12_000;
const FILLER_CHUNK = 500;

describe('Events stream (SSE)', () => {
  let app: TestApp;
  let admin: ApiClient;
  const open: SseClient[] = [];
  const sockets: Socket[] = [];

  const stream = async (query = '', options: { key?: string; lastEventId?: string } = {}) => {
    const client = await SseClient.open(app.url, `/v1/events/stream${query}`, options);
    open.push(client);
    return client;
  };

  /** A payment that succeeds, and its events as the list gives them, oldest first. */
  const payment = async () => {
    const payer = await admin.fundedAccount(1_000);
    const payee = await admin.openAccount();
    const created = await admin.createPayment({
      sourceAccountId: payer.id,
      destinationAccountId: payee.id,
      amount: 100,
    });
    await admin.paymentReaching(created.body.id, ['succeeded']);
    const listed = await eventually(async () => {
      const page = await admin.http().get('/v1/events').query({ subject: created.body.id, limit: 100 }).expect(200);
      expect(page.body.data[0]?.type).toBe('payment.succeeded');
      return (page.body.data as Array<{ id: string; type: string }>).reverse();
    });
    return { id: created.body.id as string, payer: payer.id, listed };
  };

  const ofSubject = (messages: SseMessage[], subject: string) => messages.filter((m) => m.data.subject === subject);

  beforeAll(async () => {
    app = await startFullApp({ EVENTS_STREAM_HEARTBEAT_MS: '200', EVENTS_STREAM_BUFFER_BYTES: String(1024 * 1024) });
    admin = new ApiClient(app.url);
  });
  afterEach(() => {
    for (const client of open.splice(0)) client.close();
    for (const socket of sockets.splice(0)) socket.destroy();
  });
  afterAll(async () => {
    await app.dataSource.query(`DELETE FROM platform.outbox_events WHERE type = 'test.filler'`);
    await app.close();
  });

  it('needs a key with events:read, checks its filters, and beats while idle', async () => {
    await request(app.url).get('/v1/events/stream').expect(401);
    const bad = await api(app.url).get('/v1/events/stream').query({ type: 'payment.%' });
    expect(bad.status).toBe(400);
    const client = await stream('?type=nothing.here');
    expect(client.status).toBe(200);
    expect(client.response.headers['content-type']).toMatch(/^text\/event-stream/);
    await eventually(() => expect(client.comments).toContain('heartbeat'));
  });

  it("sends a payment's events in commit order, one message each, and only to whom they belong", async () => {
    const all = await stream();
    const payments = await stream('?type=payment.*');
    const ownerKey = (
      await api(app.url)
        .post('/v1/api-keys')
        .send({ name: 'stranger', scopes: ['events:read'], ownerId: `stranger-${newId()}` })
        .expect(201)
    ).body.key as string;
    const stranger = await stream('', { key: ownerKey });

    const { id, listed } = await payment();
    // Once the list has them, the stream has them too, within a second.
    await eventually(() => expect(ofSubject(all.messages, id)).toHaveLength(listed.length), { timeoutMs: 1000 });
    const received = ofSubject(all.messages, id);
    expect(received.map((m) => m.id)).toEqual(listed.map((e) => e.id));
    expect(received.map((m) => m.event)).toEqual(listed.map((e) => e.type));
    expect(received[0]).toMatchObject({
      event: 'payment.created',
      data: { id: received[0].id, subject: id, version: 1 },
    });
    expect(ofSubject(payments.messages, id).map((m) => m.event)).toEqual(
      listed.filter((e) => e.type.startsWith('payment.')).map((e) => e.type),
    );
    expect(stranger.messages.some((m) => m.data.subject === id)).toBe(false);
  });

  it('resumes after Last-Event-ID with nothing missed and nothing twice, replay then live', async () => {
    const first = await payment();
    const resumeAfter = first.listed[1];
    // Disconnected meanwhile: a second payment happens.
    const second = await payment();

    const resumed = await stream('', { lastEventId: resumeAfter.id });
    const third = await payment();
    await resumed.waitFor((m) => m.id === third.listed[third.listed.length - 1].id);

    const ids = resumed.messages.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).not.toContain(first.listed[0].id);
    expect(ids).not.toContain(resumeAfter.id);
    for (const { id, listed } of [first, second, third]) {
      const expected = listed.filter((e) => e.id !== first.listed[0].id && e.id !== resumeAfter.id).map((e) => e.id);
      expect(ofSubject(resumed.messages, id).map((m) => m.id)).toEqual(expected);
    }
    // The resumed stream matches the list: every event after the one named, in the same order.
    const after = await api(app.url).get('/v1/events').query({ limit: 100 }).expect(200);
    const listedIds = (after.body.data as Array<{ id: string }>).map((e) => e.id).reverse();
    const tail = listedIds.slice(listedIds.indexOf(resumeAfter.id) + 1);
    expect(new Set(ids)).toEqual(new Set(tail.slice(0, tail.indexOf(third.listed[third.listed.length - 1].id) + 1)));
  });

  it('drops a stuck client, and the others keep up', async () => {
    const healthy = await stream('?type=test.filler');
    // Straight to the app: through a gateway, the sockets between would hold about 12 MB of what
    // the stuck client does not read (4 MB direct, on loopback here), nearly all of the filler,
    // and it was once never dropped.
    const stuck = await stuckClient(app.directUrl);
    sockets.push(stuck);
    // Volume for the stuck client's socket to fill: events written straight to the outbox (no
    // consumer has them), half a megabyte at a time, each once the healthy client has the last.
    // All at once, a healthy client in a process starved by a full test suite fell more than the
    // buffer behind and was rightly dropped too; the stuck one falls behind by all of them.
    for (let from = 1; from <= FILLER; from += FILLER_CHUNK) {
      await app.dataSource.query(
        `INSERT INTO platform.outbox_events (id, type, version, source, subject, data, occurred_at)
         SELECT gen_random_uuid(), 'test.filler', 1, 'test', 'filler-' || g, jsonb_build_object('n', g, 'pad', repeat('x', 1000)), now()
         FROM generate_series($1::int, $2::int) g`,
        [from, from + FILLER_CHUNK - 1],
      );
      await eventually(() => expect(healthy.messages.length).toBeGreaterThanOrEqual(from + FILLER_CHUNK - 1), {
        timeoutMs: 30_000,
      });
    }
    expect(healthy.messages).toHaveLength(FILLER);
    expect(healthy.ended).toBe(false);
    await eventually(async () => {
      const metrics = await request(app.url).get('/metrics').expect(200);
      expect(metrics.text).toMatch(/^events_stream_dropped_total [1-9]/m);
    });
    stuck.destroy();

    // The bus did not wait for it: a payment goes through and reaches the healthy clients.
    const all = await stream();
    const { id, listed } = await payment();
    await eventually(() => expect(ofSubject(all.messages, id)).toHaveLength(listed.length));
  }, 150_000);
});

/** A client that asks for the stream and then never reads. */
function stuckClient(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(
        `GET /v1/events/stream HTTP/1.1\r\nHost: ${hostname}\r\nAuthorization: Bearer ${TEST_ADMIN_API_KEY}\r\n\r\n`,
      );
      socket.once('data', () => {
        socket.pause();
        resolve(socket);
      });
    });
    socket.on('error', reject);
  });
}
