import { Module } from '@nestjs/common';
import request from 'supertest';
import { api } from '../../support/api';
import { persistenceUnits } from '../../../src/persistence-units';
import { NO_CONSUMERS } from '../../../src/platform/messaging/subscriptions';
import { PlatformModule } from '../../../src/platform/platform.module';
import { TEST_WIDGETS_TABLE, WidgetsModule } from '../../support/http/widgets.module';
import { startTestApp, type TestApp } from '../../support/test-app';

@Module({ imports: [PlatformModule.forRoot(persistenceUnits, NO_CONSUMERS), WidgetsModule] })
class WidgetsRoot {}

describe('HTTP conventions', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp(WidgetsRoot, { HTTP_BODY_LIMIT_BYTES: '2048' });
    await app.dataSource.query(TEST_WIDGETS_TABLE);
  });
  afterAll(() => app.close());

  const expectProblem = (response: request.Response, status: number, code: string) => {
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toMatchObject({
      status,
      code,
      type: expect.stringContaining('/problems/'),
      title: expect.any(String),
    });
    expect(response.body.requestId).toBe(response.headers['x-request-id']);
  };

  it('echoes a given X-Request-Id, and makes one when none is given', async () => {
    const given = await api(app.url).get('/health/live').set('X-Request-Id', 'trace-abc-123');
    expect(given.headers['x-request-id']).toBe('trace-abc-123');
    const made = await api(app.url).get('/health/live');
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const unsafe = await api(app.url).get('/health/live').set('X-Request-Id', 'bad id with spaces');
    expect(unsafe.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers an unknown route with a problem', async () => {
    expectProblem(await api(app.url).get('/v1/nothing-here'), 404, 'REQUEST.ROUTE_NOT_FOUND');
  });

  it('answers malformed JSON with a problem', async () => {
    const response = await api(app.url)
      .post('/test/widgets')
      .set('Idempotency-Key', 'k1')
      .set('Content-Type', 'application/json')
      .send('{"name": ');
    expectProblem(response, 400, 'REQUEST.MALFORMED_JSON');
  });

  it('answers a body over the limit with 413', async () => {
    const response = await api(app.url)
      .post('/test/widgets')
      .set('Idempotency-Key', 'k2')
      .send({ name: 'x'.repeat(4000) });
    expectProblem(response, 413, 'REQUEST.BODY_TOO_LARGE');
  });

  it('answers a body that is not JSON with a 400 naming the media type', async () => {
    const response = await api(app.url)
      .post('/test/widgets')
      .set('Idempotency-Key', 'k3')
      .set('Content-Type', 'text/plain')
      .send('name=x');
    expectProblem(response, 400, 'REQUEST.UNSUPPORTED_MEDIA_TYPE');
  });

  it('takes an empty JSON body as no body: the missing fields are named', async () => {
    const response = await api(app.url)
      .post('/test/widgets')
      .set('Idempotency-Key', 'k3-empty')
      .set('Content-Type', 'application/json')
      .send('');
    expectProblem(response, 400, 'REQUEST.VALIDATION_FAILED');
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'name' })]));
  });

  it('lists every invalid field: unknown fields, wrong types, nested values', async () => {
    const response = await api(app.url)
      .post('/test/widgets')
      .set('Idempotency-Key', 'k4')
      .send({ name: 42, delayMs: '10', extra: true, dimensions: { width: 0 } });
    expectProblem(response, 400, 'REQUEST.VALIDATION_FAILED');
    expect(response.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'name', message: 'must be a string' },
        { field: 'delayMs', message: 'must be an integer number' },
        { field: 'extra', message: 'is not an accepted field' },
        { field: 'dimensions.width', message: 'must not be less than 1' },
      ]),
    );
  });

  it('refuses the NUL character, which no stored text can hold, with a field error', async () => {
    const inBody = await api(app.url).post('/test/widgets').set('Idempotency-Key', 'k5').send({ name: 'a\u0000b' });
    expectProblem(inBody, 400, 'REQUEST.VALIDATION_FAILED');
    expect(inBody.body.errors).toEqual([{ field: 'name', message: 'must not contain the NUL character' }]);
    const inQuery = await api(app.url).get('/v1/admin/messaging/dead-letters?subject=%00');
    expectProblem(inQuery, 400, 'REQUEST.VALIDATION_FAILED');
  });

  it('answers an unexpected failure with a bare 500 that leaks nothing', async () => {
    const response = await api(app.url).get('/test/widgets/explode');
    expectProblem(response, 500, 'INTERNAL.UNEXPECTED');
    expect(JSON.stringify(response.body)).not.toMatch(/secret_table|password|SELECT|stack|at /i);
  });

  it('measures requests per route template in /metrics', async () => {
    await api(app.url).get('/test/widgets/count').expect(200);
    const metrics = await api(app.url).get('/metrics').expect(200);
    expect(metrics.headers['content-type']).toContain('text/plain');
    expect(metrics.text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/test\/widgets\/count",status_code="200"\} [1-9]/,
    );
    expect(metrics.text).toContain('process_cpu_user_seconds_total');
  });

  it('serves the OpenAPI document with the error schema', async () => {
    const document = (await api(app.url).get('/docs-json').expect(200)).body;
    expect(document.openapi).toMatch(/^3\./);
    expect(document.components.schemas.ProblemDetails.properties).toHaveProperty('code');
    await api(app.url).get('/docs').expect(200);
  });
});
