import type request from 'supertest';
import { api } from '../../support/api';
import { startFullApp } from '../../support/full-app';
import { rawRequest, type RawResponse } from '../../support/raw-http';
import type { TestApp } from '../../support/test-app';
import { TEST_ADMIN_API_KEY } from '../../support/test-env';

describe('Malformed input', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startFullApp();
  });
  afterAll(() => app.close());

  const expectProblem = (response: request.Response | RawResponse, status: number, code: string) => {
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const body =
      'text' in response ? (response.body as { code: string; requestId: string }) : JSON.parse(response.body);
    expect(body).toMatchObject({ status, code });
    expect(body.requestId).toBe(response.headers['x-request-id']);
  };
  const accounts = async () => (await app.dataSource.query(`SELECT count(*)::int AS n FROM accounts.accounts`))[0].n;

  it.each([2_000, 50_000])('refuses JSON nested %i levels deep before anything walks it: 400', async (depth) => {
    const body = '['.repeat(depth) + ']'.repeat(depth);
    const response = await api(app.url).post('/v1/accounts').set('Content-Type', 'application/json').send(body);
    expectProblem(response, 400, 'REQUEST.JSON_TOO_DEEP');
  });

  it('refuses a lone UTF-16 surrogate with the field named, and writes nothing', async () => {
    const before = await accounts();
    const response = await api(app.url)
      .post('/v1/accounts')
      .set('Content-Type', 'application/json')
      .send('{"name":"\\ud800","currency":"USD"}');
    expectProblem(response, 400, 'REQUEST.VALIDATION_FAILED');
    expect(response.body.errors).toEqual([{ field: 'name', message: expect.stringContaining('Unicode') }]);
    const inKey = await api(app.url)
      .post('/v1/accounts')
      .set('Content-Type', 'application/json')
      .send('{"name":"a","currency":"USD","metadata":{"\\udfff":"x"}}');
    expectProblem(inKey, 400, 'REQUEST.VALIDATION_FAILED');
    expect(await accounts()).toBe(before);
    // A well-formed pair is fine.
    await api(app.url).post('/v1/accounts').send({ name: 'emoji \u{1F600}', currency: 'USD' }).expect(201);
  });

  it('answers a path parameter over the maximum length with a problem: 414', async () => {
    expectProblem(await api(app.url).get(`/v1/accounts/${'a'.repeat(101)}`), 414, 'REQUEST.URI_TOO_LONG');
  });

  it('answers a bad percent-encoding with a problem: 400', async () => {
    expectProblem(await api(app.url).get('/v1/%ZZ'), 400, 'REQUEST.BAD_URL');
  });

  const auth = `Authorization: Bearer ${TEST_ADMIN_API_KEY}\r\n`;
  it.each([
    [
      'a duplicate Content-Length',
      `POST /v1/accounts HTTP/1.1\r\nHost: x\r\n${auth}Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}`,
    ],
    ['a negative Content-Length', `POST /v1/accounts HTTP/1.1\r\nHost: x\r\n${auth}Content-Length: -1\r\n\r\n{}`],
    [
      'Content-Length with Transfer-Encoding',
      `POST /v1/accounts HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
    ],
    [
      'a bad chunk size',
      `POST /v1/accounts HTTP/1.1\r\nHost: x\r\n${auth}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`,
    ],
    ['an unknown method', `BREW /v1/accounts HTTP/1.1\r\nHost: x\r\n\r\n`],
  ])('answers malformed HTTP (%s) with a problem: 400', async (_, bytes) => {
    expectProblem(await rawRequest(app.url, bytes), 400, 'REQUEST.MALFORMED_HTTP');
  });

  it('answers headers over the limit with a problem: 431', async () => {
    const bytes = `GET /v1/accounts HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`;
    expectProblem(await rawRequest(app.url, bytes), 431, 'REQUEST.HEADERS_TOO_LARGE');
  });

  it('answers an Expect it cannot meet with a problem: 417', async () => {
    const bytes = `GET /v1/accounts HTTP/1.1\r\nHost: x\r\n${auth}Expect: 999-bogus\r\n\r\n`;
    expectProblem(await rawRequest(app.url, bytes), 417, 'REQUEST.EXPECTATION_FAILED');
  });
});
