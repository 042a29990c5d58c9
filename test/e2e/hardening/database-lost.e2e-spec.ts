import request from 'supertest';
import { api } from '../../support/api';
import { eventually } from '../../support/eventually';
import { startFullApp } from '../../support/full-app';
import { TcpProxy } from '../../support/tcp-proxy';
import type { TestApp } from '../../support/test-app';
import { testDatabaseUrl } from '../../support/test-env';

describe('A lost database', () => {
  let app: TestApp;
  let proxy: TcpProxy;

  beforeAll(async () => {
    const direct = new URL(testDatabaseUrl());
    proxy = await TcpProxy.start({ host: direct.hostname, port: Number(direct.port || 5432) });
    app = await startFullApp({ DATABASE_URL: proxy.urlFor(testDatabaseUrl()) });
  });
  afterAll(async () => {
    await proxy.up().catch(() => undefined);
    await app.close();
    await proxy.down();
  });

  const expectUnavailable = (response: request.Response) => {
    expect(response.status).toBe(503);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.headers['retry-after']).toMatch(/^\d+$/);
    expect(response.body).toMatchObject({ status: 503, code: 'SERVICE.DATABASE_UNAVAILABLE' });
    expect(response.body.requestId).toBe(response.headers['x-request-id']);
  };

  it('answers 503 with Retry-After while the database is away, and serves again once it is back', async () => {
    const account = (await api(app.url).post('/v1/accounts').send({ name: 'a', currency: 'USD' }).expect(201)).body;
    await request(app.url).get('/health/ready').expect(200);

    await proxy.down();
    expectUnavailable(await api(app.url).get(`/v1/accounts/${account.id}`));
    expectUnavailable(await api(app.url).post('/v1/accounts').send({ name: 'b', currency: 'USD' }));
    expectUnavailable(
      await api(app.url)
        .post(`/v1/accounts/${account.id}/deposits`)
        .set('Idempotency-Key', 'lost-1')
        .send({ amount: 5 }),
    );
    const ready = await request(app.url).get('/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.headers['retry-after']).toBeDefined();
    await request(app.url).get('/health/live').expect(200);

    await proxy.up();
    await eventually(() => api(app.url).get(`/v1/accounts/${account.id}`).expect(200));
    await eventually(() => request(app.url).get('/health/ready').expect(200));
    // The deposit refused while the database was away was not half-done: retried, it runs once.
    await api(app.url)
      .post(`/v1/accounts/${account.id}/deposits`)
      .set('Idempotency-Key', 'lost-1')
      .send({ amount: 5 })
      .expect(201);
    expect((await api(app.url).get(`/v1/accounts/${account.id}`).expect(200)).body.balance.available).toBe(5);
  });
});
