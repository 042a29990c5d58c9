import request from 'supertest';
import { newId } from '../../../src/platform/ids';
import { api } from '../../support/api';
import { startFullApp } from '../../support/full-app';
import type { TestApp } from '../../support/test-app';

describe('Rate limits and security headers', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startFullApp({
      RATE_LIMIT_ENABLED: 'true',
      RATE_LIMIT_MAX: '5',
      RATE_LIMIT_MONEY_MAX: '2',
      RATE_LIMIT_ANONYMOUS_MAX: '3',
    });
  });
  afterAll(() => app.close());

  const newKey = async () =>
    (
      await api(app.url)
        .post('/v1/api-keys')
        .send({ name: 'limited', scopes: ['admin'] })
        .expect(201)
    ).body.key as string;

  const expectLimited = (response: request.Response) => {
    expect(response.status).toBe(429);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    expect(response.headers['ratelimit-remaining']).toBe('0');
  };

  it('limits each key, with RateLimit-* headers, and 429 RATE_LIMITED with Retry-After once over', async () => {
    const key = await newKey();
    const first = await api(app.url, key).get('/v1/accounts').expect(200);
    expect(first.headers['ratelimit-limit']).toBe('5');
    expect(first.headers['ratelimit-remaining']).toBe('4');
    expect(Number(first.headers['ratelimit-reset'])).toBeGreaterThan(0);
    for (let i = 0; i < 4; i++) await api(app.url, key).get('/v1/accounts').expect(200);
    expectLimited(await api(app.url, key).get('/v1/accounts'));
    // Another key has its own budget.
    await api(app.url, await newKey())
      .get('/v1/accounts')
      .expect(200);
  });

  it('gives money-moving POSTs a lower limit of their own, and refuses before anything is written', async () => {
    const key = await newKey();
    const account = (await api(app.url, key).post('/v1/accounts').send({ name: 'x', currency: 'USD' }).expect(201))
      .body;
    const deposit = () =>
      api(app.url, key).post(`/v1/accounts/${account.id}/deposits`).set('Idempotency-Key', newId()).send({ amount: 1 });
    expect((await deposit()).headers['ratelimit-limit']).toBe('2');
    await deposit().then((r) => expect(r.status).toBe(201));
    expectLimited(await deposit());
    expect((await api(app.url, key).get(`/v1/accounts/${account.id}`).expect(200)).body.balance.available).toBe(2);
  });

  it('limits requests without a valid key per client address', async () => {
    for (let i = 0; i < 3; i++) expect((await request(app.url).get('/v1/accounts')).status).toBe(401);
    expectLimited(await request(app.url).get('/v1/accounts'));
    // Health and docs stay open and unlimited.
    await request(app.url).get('/health/live').expect(200);
  });

  it('sends security headers on every response, with a policy Swagger UI works under', async () => {
    const docs = await request(app.url).get('/docs/').redirects(1).expect(200);
    const policy = docs.headers['content-security-policy'];
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("script-src 'self' 'unsafe-inline'");
    expect(docs.headers['x-content-type-options']).toBe('nosniff');
    expect(docs.headers['strict-transport-security']).toBeDefined();
    // Swagger UI's own script and styles come from this origin.
    const scripts = [...docs.text.matchAll(/src="\.?\/?([^"]+\.js)"/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts)
      await request(app.url)
        .get(`/docs/${script.replace(/^docs\//, '')}`)
        .expect(200);
    const problem = await request(app.url).get('/v1/nothing');
    expect(problem.headers['x-content-type-options']).toBe('nosniff');
  });
});
