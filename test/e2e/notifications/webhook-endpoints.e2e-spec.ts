import { newId } from '../../../src/platform/ids';
import { startFullApp } from '../../support/full-app';
import { NotificationsApi, type EndpointBody } from '../../support/notifications/notifications-api';
import type { TestApp } from '../../support/test-app';

const SECRET = /^whsec_[A-Za-z0-9+/]{32}$/;

describe('Webhook endpoints API', () => {
  let app: TestApp;
  let api: NotificationsApi;

  beforeAll(async () => {
    app = await startFullApp();
    api = new NotificationsApi(app.url);
  });
  afterAll(async () => {
    try {
      await api.deleteCreatedEndpoints();
    } finally {
      await app.close();
    }
  });

  it('creates an endpoint and shows its secret only on creation', async () => {
    const accountId = newId();
    const created = await api.createEndpoint({
      url: 'https://example.com/hooks',
      eventTypes: ['payment.succeeded', 'payment.failed'],
      description: 'Orders',
      accountId,
    });
    expect(created).toEqual({
      id: expect.any(String),
      url: 'https://example.com/hooks',
      description: 'Orders',
      eventTypes: ['payment.succeeded', 'payment.failed'],
      accountId,
      enabled: true,
      disabledReason: null,
      previousSecretExpiresAt: null,
      secret: expect.stringMatching(SECRET),
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });

    const { secret, ...shown } = created;
    const fetched = await api.http().get(`/v1/webhook-endpoints/${shown.id}`).expect(200);
    expect(fetched.body).toEqual(shown);
    expect(JSON.stringify(fetched.body)).not.toContain(secret);
    const listed = await api.http().get('/v1/webhook-endpoints').query({ accountId }).expect(200);
    expect(listed.body).toEqual({ data: [shown], hasMore: false, nextCursor: null });
    // Ids are case-insensitive, in filters too.
    const upper = await api
      .http()
      .get('/v1/webhook-endpoints')
      .query({ accountId: accountId.toUpperCase() })
      .expect(200);
    expect(upper.body.data).toEqual([shown]);
  });

  it.each([
    [{ url: 'ftp://example.com/hooks', eventTypes: ['*'] }, 'url'],
    [{ url: 'file:///etc/passwd', eventTypes: ['*'] }, 'url'],
    [{ url: 'not a url', eventTypes: ['*'] }, 'url'],
    [{ url: 'https://user:pw@example.com/', eventTypes: ['*'] }, 'url'],
    [{ url: 'https://example.com/', eventTypes: ['payment.refunded'] }, 'eventTypes'],
    [{ url: 'https://example.com/', eventTypes: ['payment.created'] }, 'eventTypes'],
    [{ url: 'https://example.com/', eventTypes: [] }, 'eventTypes'],
    [{ url: 'https://example.com/', eventTypes: 'payment.succeeded' }, 'eventTypes'],
    [{ url: 'https://example.com/' }, 'eventTypes'],
    [{ url: 'https://example.com/', eventTypes: ['*'], accountId: 'acc-1' }, 'accountId'],
    [{ url: 'https://example.com/', eventTypes: ['*'], secret: 'whsec_mine' }, 'secret'],
  ])('refuses %j with a field error on %s', async (body, field) => {
    const response = await api.http().post('/v1/webhook-endpoints').send(body).expect(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.code).toBe('REQUEST.VALIDATION_FAILED');
    expect(response.body.errors).toContainEqual(expect.objectContaining({ field }));
  });

  it('accepts every supported event type and "*"', async () => {
    const all = await api.createEndpoint({ url: 'https://example.com/all', eventTypes: ['*'] });
    expect(all.eventTypes).toEqual(['*']);
    const types = [
      'payment.succeeded',
      'payment.failed',
      'payment.canceled',
      'payment.expired',
      'refund.succeeded',
      'refund.failed',
      'account.deposited',
      'account.withdrawn',
    ];
    expect((await api.createEndpoint({ url: 'https://example.com/each', eventTypes: types })).eventTypes).toEqual(
      types,
    );
  });

  it('updates the URL, the event types, the description and enabled', async () => {
    const endpoint = await api.createEndpoint({ url: 'https://example.com/a', eventTypes: ['*'], description: 'x' });
    const patched = await api
      .http()
      .patch(`/v1/webhook-endpoints/${endpoint.id}`)
      .send({ url: 'https://example.com/b', eventTypes: ['refund.failed'], enabled: false, description: null })
      .expect(200);
    expect(patched.body).toMatchObject({
      url: 'https://example.com/b',
      eventTypes: ['refund.failed'],
      enabled: false,
      disabledReason: 'Disabled through the API',
      description: null,
    });
    expect(patched.body).not.toHaveProperty('secret');
    const enabled = await api.http().patch(`/v1/webhook-endpoints/${endpoint.id}`).send({ enabled: true }).expect(200);
    expect(enabled.body).toMatchObject({ enabled: true, disabledReason: null, url: 'https://example.com/b' });

    await api.http().patch(`/v1/webhook-endpoints/${endpoint.id}`).send({ url: 'gopher://x' }).expect(400);
    await api
      .http()
      .patch(`/v1/webhook-endpoints/${endpoint.id}`)
      .send({ eventTypes: ['nope'] })
      .expect(400);
    await api.http().patch(`/v1/webhook-endpoints/${endpoint.id}`).send({ secret: 'whsec_x' }).expect(400);
  });

  it('rotates the secret: returns the new one, and says until when the previous one signs too', async () => {
    const endpoint = await api.createEndpoint({ url: 'https://example.com/rotate', eventTypes: ['*'] });
    const rotated = await api.http().post(`/v1/webhook-endpoints/${endpoint.id}/rotate-secret`).expect(200);
    expect(rotated.body.secret).toMatch(SECRET);
    expect(rotated.body.secret).not.toBe(endpoint.secret);
    const overlapEnds = Date.parse(rotated.body.previousSecretExpiresAt);
    expect(overlapEnds - Date.now()).toBeGreaterThan(23 * 3600 * 1000);
    const fetched = await api.http().get(`/v1/webhook-endpoints/${endpoint.id}`).expect(200);
    expect(fetched.body).not.toHaveProperty('secret');
    expect(JSON.stringify(fetched.body)).not.toMatch(/whsec_/);
  });

  it('deletes an endpoint, then knows it no more', async () => {
    const endpoint = await api.createEndpoint({ url: 'https://example.com/gone', eventTypes: ['*'] });
    await api.http().delete(`/v1/webhook-endpoints/${endpoint.id}`).expect(204);
    await api.http().get(`/v1/webhook-endpoints/${endpoint.id}`).expect(404);
    const again = await api.http().delete(`/v1/webhook-endpoints/${endpoint.id}`).expect(404);
    expect(again.body.code).toBe('NOTIFICATIONS.ENDPOINT_NOT_FOUND');
  });

  it('answers 404 for unknown or malformed ids everywhere', async () => {
    for (const id of [newId(), 'not-an-id']) {
      await api.http().get(`/v1/webhook-endpoints/${id}`).expect(404);
      await api.http().patch(`/v1/webhook-endpoints/${id}`).send({ enabled: false }).expect(404);
      await api.http().post(`/v1/webhook-endpoints/${id}/rotate-secret`).expect(404);
      await api.http().get(`/v1/webhook-endpoints/${id}/messages`).expect(404);
      const message = await api.http().get(`/v1/webhook-messages/${id}`).expect(404);
      expect(message.body.code).toBe('NOTIFICATIONS.MESSAGE_NOT_FOUND');
      await api.http().post(`/v1/webhook-messages/${id}/retry`).expect(404);
    }
  });

  it('lists endpoints newest first, page by page, filtered by account', async () => {
    const accountId = newId();
    const created: EndpointBody[] = [];
    for (let i = 0; i < 3; i++) {
      created.push(await api.createEndpoint({ url: `https://example.com/${i}`, eventTypes: ['*'], accountId }));
    }
    const first = await api.http().get('/v1/webhook-endpoints').query({ accountId, limit: 2 }).expect(200);
    expect(first.body.data.map((e: EndpointBody) => e.id)).toEqual([created[2].id, created[1].id]);
    expect(first.body).toMatchObject({ hasMore: true, nextCursor: created[1].id });
    const second = await api
      .http()
      .get('/v1/webhook-endpoints')
      .query({ accountId, limit: 2, startingAfter: first.body.nextCursor })
      .expect(200);
    expect(second.body).toMatchObject({ data: [{ id: created[0].id }], hasMore: false, nextCursor: null });
    expect(JSON.stringify([first.body, second.body])).not.toMatch(/whsec_/);
  });

  it('documents the endpoints in the OpenAPI document', async () => {
    const { body } = await api.http().get('/docs-json').expect(200);
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining([
        '/v1/notifications',
        '/v1/notifications/{id}/read',
        '/v1/webhook-endpoints',
        '/v1/webhook-endpoints/{id}',
        '/v1/webhook-endpoints/{id}/rotate-secret',
        '/v1/webhook-endpoints/{id}/messages',
        '/v1/webhook-messages/{id}/retry',
      ]),
    );
  });
});
