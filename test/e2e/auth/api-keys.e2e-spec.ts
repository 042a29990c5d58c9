import request from 'supertest';
import { api } from '../../support/api';
import { ApiClient } from '../../support/api-client';
import { startFullApp } from '../../support/full-app';
import type { TestApp } from '../../support/test-app';

/** One protected operation per group of scopes, and the scope it needs. */
const GROUPS = [
  { scope: 'accounts:read', method: 'get', path: '/v1/accounts' },
  { scope: 'accounts:write', method: 'post', path: '/v1/accounts', body: { name: 'x', currency: 'USD' } },
  { scope: 'payments:read', method: 'get', path: '/v1/payments' },
  { scope: 'payments:write', method: 'post', path: '/v1/payments', body: {} },
  { scope: 'notifications:read', method: 'get', path: '/v1/notifications' },
  { scope: 'webhooks:read', method: 'get', path: '/v1/webhook-endpoints' },
  { scope: 'webhooks:write', method: 'post', path: '/v1/webhook-endpoints', body: {} },
  { scope: 'risk:read', method: 'get', path: '/v1/risk/rules' },
  { scope: 'risk:write', method: 'post', path: '/v1/risk/blocklist', body: {} },
  { scope: 'admin', method: 'get', path: '/v1/admin/messaging/stats' },
  { scope: 'admin', method: 'get', path: '/v1/admin/ledger/integrity' },
  { scope: 'admin', method: 'get', path: '/v1/api-keys' },
] as const;

describe('API keys', () => {
  let app: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    app = await startFullApp();
    second = await startFullApp();
  });
  afterAll(async () => {
    await second?.close();
    await app?.close();
  });

  const createKey = async (body: Record<string, unknown>) =>
    (await api(app.url).post('/v1/api-keys').send(body).expect(201)).body as {
      id: string;
      key: string;
      prefix: string;
    };

  const expectProblem = (response: request.Response, status: number, code: string) => {
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toMatchObject({ status, code });
    expect(response.body.requestId).toBe(response.headers['x-request-id']);
  };

  it('refuses a request without a key, with a malformed header or an unknown key: 401', async () => {
    const none = await request(app.url).get('/v1/accounts');
    expectProblem(none, 401, 'AUTH.UNAUTHENTICATED');
    expect(none.headers['www-authenticate']).toBe('Bearer');
    expectProblem(
      await request(app.url).get('/v1/accounts').set('Authorization', 'Basic abc'),
      401,
      'AUTH.UNAUTHENTICATED',
    );
    expectProblem(await api(app.url, 'sk_not_a_key_that_exists_0000').get('/v1/accounts'), 401, 'AUTH.UNAUTHENTICATED');
    expectProblem(await request(app.url).post('/v1/payments').send({}), 401, 'AUTH.UNAUTHENTICATED');
  });

  it('leaves health, metrics and the API docs open', async () => {
    await request(app.url).get('/health/live').expect(200);
    await request(app.url).get('/health/ready').expect(200);
    await request(app.url).get('/metrics').expect(200);
    await request(app.url).get('/docs-json').expect(200);
  });

  it('creates a key shown once, lists it by prefix without the secret, and the key works', async () => {
    const created = await createKey({ name: 'reader', scopes: ['accounts:read'] });
    expect(created.key).toMatch(/^sk_[A-Za-z0-9_-]{40,}$/);
    expect(created.key.startsWith(created.prefix)).toBe(true);
    await api(app.url, created.key).get('/v1/accounts').expect(200);

    const listed = (await api(app.url).get('/v1/api-keys').query({ limit: 100 }).expect(200)).body.data;
    const entry = listed.find((k: { id: string }) => k.id === created.id);
    expect(entry).toMatchObject({ name: 'reader', prefix: created.prefix, scopes: ['accounts:read'], revokedAt: null });
    expect(JSON.stringify(listed)).not.toContain(created.key);
    const [row] = await app.dataSource.query(`SELECT * FROM platform.api_keys WHERE id = $1`, [created.id]);
    expect(JSON.stringify(row)).not.toContain(created.key);
  });

  it('refuses a key without the scope an operation needs: 403, in every group', async () => {
    for (const group of GROUPS) {
      const other = group.scope.startsWith('notifications') ? 'risk:read' : 'notifications:read';
      const key = (await createKey({ name: `not ${group.scope}`, scopes: [other] })).key;
      const call = api(app.url, key)[group.method](group.path);
      const response = 'body' in group ? await call.send(group.body) : await call;
      expectProblem(response, 403, 'AUTH.FORBIDDEN');
    }
  });

  it('lets a key with the scope (or a write scope of its area) through', async () => {
    const key = (await createKey({ name: 'accounts', scopes: ['accounts:write'] })).key;
    const account = await new ApiClient(app.url, key).openAccount();
    await api(app.url, key).get(`/v1/accounts/${account.id}`).expect(200);
    expectProblem(await api(app.url, key).get('/v1/payments'), 403, 'AUTH.FORBIDDEN');
  });

  it('manages keys only with the admin scope', async () => {
    const key = (await createKey({ name: 'almost admin', scopes: SCOPES_BUT_ADMIN })).key;
    expectProblem(await api(app.url, key).get('/v1/api-keys'), 403, 'AUTH.FORBIDDEN');
    expectProblem(
      await api(app.url, key)
        .post('/v1/api-keys')
        .send({ name: 'x', scopes: ['admin'] }),
      403,
      'AUTH.FORBIDDEN',
    );
  });

  it('refuses invalid key requests field by field', async () => {
    const response = await api(app.url)
      .post('/v1/api-keys')
      .send({ name: '', scopes: ['payments:everything'] });
    expectProblem(response, 400, 'REQUEST.VALIDATION_FAILED');
    expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['name', 'scopes']);
  });

  it('revokes a key at once, on every instance', async () => {
    const created = await createKey({ name: 'short-lived', scopes: ['payments:read'] });
    await api(app.url, created.key).get('/v1/payments').expect(200);
    await api(second.url, created.key).get('/v1/payments').expect(200);

    await api(app.url).delete(`/v1/api-keys/${created.id}`).expect(204);

    expectProblem(await api(app.url, created.key).get('/v1/payments'), 401, 'AUTH.UNAUTHENTICATED');
    expectProblem(await api(second.url, created.key).get('/v1/payments'), 401, 'AUTH.UNAUTHENTICATED');
    const listed = (await api(app.url).get('/v1/api-keys').query({ limit: 100 }).expect(200)).body.data;
    expect(listed.find((k: { id: string }) => k.id === created.id).revokedAt).toEqual(expect.any(String));
    expectProblem(
      await api(app.url).delete('/v1/api-keys/0193a1c2-0000-7000-8000-000000000000'),
      404,
      'AUTH.API_KEY_NOT_FOUND',
    );
  });

  it('documents the scope of each operation and a bearer scheme for the Authorize button', async () => {
    const document = (await request(app.url).get('/docs-json').expect(200)).body;
    expect(document.components.securitySchemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    const create = document.paths['/v1/payments'].post;
    expect(create.security).toEqual([{ apiKey: [] }]);
    expect(create['x-required-scope']).toBe('payments:write');
    expect(create.description).toContain('`payments:write`');
    expect(Object.keys(create.responses)).toEqual(expect.arrayContaining(['401', '403']));
    expect(document.paths['/health/live'].get.security).toBeUndefined();
  });
});

const SCOPES_BUT_ADMIN = ['accounts:write', 'payments:write', 'notifications:read', 'webhooks:write', 'risk:write'];
