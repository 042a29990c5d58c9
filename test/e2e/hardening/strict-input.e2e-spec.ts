import { newId } from '../../../src/platform/ids';
import { api } from '../../support/api';
import { ApiClient } from '../../support/api-client';
import { startFullApp } from '../../support/full-app';
import type { TestApp } from '../../support/test-app';

describe('Strict input', () => {
  let app: TestApp;
  let client: ApiClient;
  let rules: Record<string, unknown>;

  beforeAll(async () => {
    app = await startFullApp();
    client = new ApiClient(app.url);
    const { updatedAt: _, ...current } = (await client.http().get('/v1/risk/rules').expect(200)).body;
    rules = current;
  });
  afterAll(() => app.close());

  const count = async (table: string) =>
    (await app.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;
  const fields = (body: { errors?: Array<{ field: string }> }) => (body.errors ?? []).map((e) => e.field);

  it.each(['url', 'eventTypes', 'enabled'])(
    'refuses null for %s on PATCH /v1/webhook-endpoints/:id: 400',
    async (field) => {
      const endpoint = (
        await client
          .http()
          .post('/v1/webhook-endpoints')
          .send({ url: 'https://hooks.example.com/x', eventTypes: ['*'] })
          .expect(201)
      ).body;
      const response = await client
        .http()
        .patch(`/v1/webhook-endpoints/${endpoint.id}`)
        .send({ [field]: null });
      expect(response.status).toBe(400);
      expect(fields(response.body)).toEqual([field]);
      // description may be cleared with null.
      await client.http().patch(`/v1/webhook-endpoints/${endpoint.id}`).send({ description: null }).expect(200);
      await client.http().delete(`/v1/webhook-endpoints/${endpoint.id}`).expect(204);
    },
  );

  it.each([
    ['thresholds', []],
    ['scores', []],
    ['velocity', []],
    ['newAccount', []],
    ['maxAmount', []],
    ['thresholds', null],
    ['scores', 'high'],
  ])('refuses %s = %j in the rules document, and keeps the rules', async (field, value) => {
    const before = await count('risk.rules_history');
    const response = await client
      .http()
      .put('/v1/risk/rules')
      .send({ ...rules, [field]: value });
    expect(response.status).toBe(400);
    expect(fields(response.body)).toContain(field);
    expect(await count('risk.rules_history')).toBe(before);
    const { updatedAt: _, ...now } = (await client.http().get('/v1/risk/rules').expect(200)).body;
    expect(now).toEqual(rules);
  });

  it.each([
    ['newAccount.maxAmount', { ...baseNewAccount(), maxAmount: [] }],
    ['velocity.maxSum.perCurrency', { maxSum: { default: null, perCurrency: { usd: 5 } } }],
    ['velocity.maxSum.perCurrency', { maxSum: { default: null, perCurrency: { USD: 2 ** 60 } } }],
    ['velocity.maxSum.default', { maxSum: { perCurrency: {} } }],
  ])('refuses a bad nested %s', async (field, patch) => {
    const key = field.startsWith('newAccount') ? 'newAccount' : 'velocity';
    const body = { ...rules, [key]: { ...(rules[key] as object), ...patch } };
    const response = await client.http().put('/v1/risk/rules').send(body);
    expect(response.status).toBe(400);
    expect(fields(response.body)).toContain(field);
  });

  it('keeps a history of rule changes with the key that made each', async () => {
    const key = (
      await api(app.url)
        .post('/v1/api-keys')
        .send({ name: 'risk team', scopes: ['risk:write'] })
        .expect(201)
    ).body;
    await api(app.url, key.key).put('/v1/risk/rules').send(rules).expect(200);
    const history = (await api(app.url, key.key).get('/v1/risk/rules/history').expect(200)).body.data;
    expect(history[0]).toMatchObject({ rules, changedBy: { keyId: key.id, name: 'risk team' } });
  });

  it.each(['abc', "' OR 1=1--"])('refuses a body id that is not a UUID (%s) with the field named', async (bad) => {
    const before = await count('payments.payments');
    const account = await client.openAccount();
    const payment = await client.createPayment({ sourceAccountId: bad, destinationAccountId: account.id, amount: 1 });
    expect(payment.status).toBe(400);
    expect(fields(payment.body)).toEqual(['sourceAccountId']);
    const toBad = await client.createPayment({ sourceAccountId: account.id, destinationAccountId: bad, amount: 1 });
    expect(fields(toBad.body)).toEqual(['destinationAccountId']);
    expect(await count('payments.payments')).toBe(before);

    const blocked = await client.http().post('/v1/risk/blocklist').send({ accountId: bad });
    expect(blocked.status).toBe(400);
    expect(fields(blocked.body)).toEqual(['accountId']);
  });

  it('answers 404 for a path id that is not a UUID, on every kind of route', async () => {
    for (const [method, path] of [
      ['get', '/v1/payments/abc'],
      ['post', '/v1/payments/abc/cancel'],
      ['get', '/v1/risk/assessments/abc'],
      ['post', '/v1/risk/reviews/abc/approve'],
      ['delete', '/v1/risk/blocklist/abc'],
      ['post', '/v1/admin/messaging/dead-letters/abc/retry'],
      ['post', '/v1/admin/messaging/events/abc/replay'],
      ['delete', '/v1/api-keys/abc'],
      ['get', '/v1/webhook-messages/abc'],
    ] as const) {
      const response = await client.http()[method](path).send({});
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    await client.http().get(`/v1/payments/${newId()}`).expect(404);
  });
});

function baseNewAccount() {
  return { ageHours: 24 };
}
