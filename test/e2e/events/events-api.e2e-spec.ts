import type { Schemas } from '../../../client';
import { newId } from '../../../src/platform/ids';
import { api } from '../../support/api';
import { ApiClient } from '../../support/api-client';
import { eventually } from '../../support/eventually';
import { startFullApp } from '../../support/full-app';
import type { TestApp } from '../../support/test-app';

type Envelope = Schemas['EventDto'];

describe('Events API', () => {
  let app: TestApp;
  let admin: ApiClient;
  let paymentId: string;
  let payer: string;

  /** Every event about `subject`, newest first, read page by page with `limit`. */
  const allPages = async (client: ApiClient, query: Record<string, string | number>) => {
    const seen: Envelope[] = [];
    let startingAfter: string | undefined;
    for (;;) {
      const page = await client
        .http()
        .get('/v1/events')
        .query({ ...query, ...(startingAfter ? { startingAfter } : {}) })
        .expect(200);
      seen.push(...(page.body.data as Envelope[]));
      if (!page.body.hasMore) return seen;
      startingAfter = page.body.nextCursor as string;
    }
  };

  beforeAll(async () => {
    app = await startFullApp();
    admin = new ApiClient(app.url);
    payer = (await admin.fundedAccount(10_000)).id;
    const payee = await admin.openAccount();
    const created = await admin.createPayment({ sourceAccountId: payer, destinationAccountId: payee.id, amount: 700 });
    paymentId = created.body.id;
    await admin.paymentReaching(paymentId, ['succeeded']);
    // payment.succeeded is the last event of the payment's chain.
    await eventually(async () => {
      const page = await admin.http().get('/v1/events').query({ subject: paymentId, type: 'payment.succeeded' });
      expect(page.body.data).toHaveLength(1);
    });
  });
  afterAll(() => app.close());

  it("lists a payment's events newest first in the envelope of the contracts, page by page", async () => {
    const events = await allPages(admin, { subject: paymentId });
    const types = events.map((e) => e.type);
    expect(types[0]).toBe('payment.succeeded');
    expect(types[types.length - 1]).toBe('payment.created');
    expect(types).toEqual(expect.arrayContaining(['risk.assessed', 'transfer.requested', 'transfer.succeeded']));
    expect(events[0]).toEqual({
      id: expect.any(String),
      type: 'payment.succeeded',
      version: 1,
      occurredAt: expect.stringMatching(/Z$/),
      source: 'payments',
      subject: paymentId,
      correlationId: expect.any(String),
      causationId: expect.any(String),
      data: expect.objectContaining({ paymentId, amount: 700 }),
    });

    const paged = await allPages(admin, { subject: paymentId, limit: 2 });
    expect(paged.map((e) => e.id)).toEqual(events.map((e) => e.id));
    const first = await admin.http().get('/v1/events').query({ subject: paymentId, limit: 2 }).expect(200);
    expect(first.body).toMatchObject({ hasMore: true, nextCursor: first.body.data[1].id });

    const one = await admin.http().get(`/v1/events/${events[0].id.toUpperCase()}`).expect(200);
    expect(one.body).toEqual(events[0]);
  });

  it('filters by exact type, by type prefix and by time', async () => {
    const exact = await allPages(admin, { type: 'risk.assessed', subject: paymentId });
    expect(exact.map((e) => e.type)).toEqual(['risk.assessed']);

    const prefixed = await allPages(admin, { type: 'payment.*', limit: 100 });
    expect(prefixed.length).toBeGreaterThanOrEqual(2);
    expect(prefixed.every((e) => e.type.startsWith('payment.'))).toBe(true);
    const transfers = await allPages(admin, { type: 'transfer.*', subject: paymentId });
    expect(transfers.map((e) => e.type).sort()).toEqual(['transfer.requested', 'transfer.succeeded']);

    const all = await allPages(admin, { subject: paymentId });
    const created = all[all.length - 1];
    const later = await allPages(admin, { subject: paymentId, createdFrom: all[1].occurredAt });
    expect(later.map((e) => e.id)).toEqual(all.filter((e) => e.occurredAt >= all[1].occurredAt).map((e) => e.id));
    const earlier = await allPages(admin, { subject: paymentId, createdTo: all[1].occurredAt });
    expect(earlier.map((e) => e.id)).toContain(created.id);
    expect(earlier.every((e) => e.occurredAt < all[1].occurredAt)).toBe(true);
    const future = await admin.http().get('/v1/events').query({ createdFrom: '2999-01-01' }).expect(200);
    expect(future.body).toEqual({ data: [], hasMore: false, nextCursor: null });
  });

  it('refuses bad filters and answers 404 for an unknown event', async () => {
    for (const query of [{ type: '*' }, { type: 'payment.%' }, { createdFrom: 'yesterday' }, { limit: 0 }]) {
      const response = await admin.http().get('/v1/events').query(query);
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/problem\+json/);
    }
    for (const id of [newId(), 'not-an-id']) {
      const response = await admin.http().get(`/v1/events/${id}`);
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('EVENTS.EVENT_NOT_FOUND');
    }
  });

  it("shows an owner-bound key only its own accounts' and payments' events", async () => {
    const keyFor = async (ownerId: string) =>
      (
        await api(app.url)
          .post('/v1/api-keys')
          .send({ name: ownerId, scopes: ['accounts:write', 'payments:write', 'events:read'], ownerId })
          .expect(201)
      ).body.key as string;
    const alice = new ApiClient(app.url, await keyFor(`alice-${newId()}`));
    const bob = new ApiClient(app.url, await keyFor(`bob-${newId()}`));
    const carol = new ApiClient(app.url, await keyFor(`carol-${newId()}`));
    const alicesAccount = await alice.fundedAccount(5_000);
    const bobsAccount = await bob.openAccount();
    const paid = await alice.createPayment({
      sourceAccountId: alicesAccount.id,
      destinationAccountId: bobsAccount.id,
      amount: 300,
    });
    await alice.paymentReaching(paid.body.id, ['succeeded']);

    const paymentEvents = await eventually(async () => {
      const events = await allPages(alice, { subject: paid.body.id });
      expect(events[0]?.type).toBe('payment.succeeded');
      return events;
    });
    expect(paymentEvents.map((e) => e.type)).toContain('risk.assessed');
    // The payee's owner sees the payment too; anyone else sees none of it.
    expect((await allPages(bob, { subject: paid.body.id })).map((e) => e.id)).toEqual(paymentEvents.map((e) => e.id));
    expect(await allPages(carol, { subject: paid.body.id })).toEqual([]);
    const hidden = await carol.http().get(`/v1/events/${paymentEvents[0].id}`);
    expect(hidden.status).toBe(404);

    const alicesAll = await allPages(alice, { limit: 100 });
    const subjects = new Set(alicesAll.map((e) => e.subject));
    expect(subjects).toEqual(new Set([alicesAccount.id, paid.body.id]));
    expect(alicesAll.map((e) => e.type)).toEqual(expect.arrayContaining(['account.opened', 'account.deposited']));
    // The admin's own payment of the first test is no owner's.
    expect(alicesAll.some((e) => e.subject === paymentId)).toBe(false);
    expect((await allPages(bob, { limit: 100 })).some((e) => e.subject === alicesAccount.id)).toBe(false);
  });

  it('needs the events:read scope', async () => {
    const key = (
      await api(app.url)
        .post('/v1/api-keys')
        .send({ name: 'payments only', scopes: ['payments:read'] })
        .expect(201)
    ).body.key as string;
    const response = await api(app.url, key).get('/v1/events');
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('AUTH.FORBIDDEN');
  });
});
