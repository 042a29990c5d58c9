import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { createPaymentsClient } from '../../../client';
import { newId } from '../../../src/platform/ids';
import { startFullApp } from '../../support/full-app';
import type { TestApp } from '../../support/test-app';
import { TEST_ADMIN_API_KEY } from '../../support/test-env';

const GENERATOR = resolve(__dirname, '../../../scripts/generate-client.mjs');

describe('The typed client (client/)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startFullApp();
  });
  afterAll(() => app.close());

  it('is generated from the document the app serves: client/schema.d.ts is up to date', async () => {
    const { code, output } = await new Promise<{ code: number; output: string }>((done) => {
      execFile(
        process.execPath,
        [GENERATOR, '--check', '--from', `${app.url}/docs-json`],
        { timeout: 60_000 },
        (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, output: stdout + stderr }),
      );
    });
    expect({ code, output }).toEqual({ code: 0, output: '' });
  });

  it('calls the API with typed paths, parameters and bodies, and reads problems as typed errors', async () => {
    const client = createPaymentsClient(app.url, TEST_ADMIN_API_KEY);
    const opened = await client.POST('/v1/accounts', {
      params: { header: { 'Idempotency-Key': newId() } },
      body: { name: 'Typed client', currency: 'EUR' },
    });
    expect(opened.response.status).toBe(201);
    const id = opened.data!.id;

    const read = await client.GET('/v1/accounts/{id}', { params: { path: { id } } });
    expect(read.data).toMatchObject({ id, currency: 'EUR', balance: { available: 0 } });

    const missing = await client.GET('/v1/payments/{id}', { params: { path: { id: newId() } } });
    expect(missing.response.status).toBe(404);
    expect(missing.error?.code).toBe('PAYMENTS.PAYMENT_NOT_FOUND');
  });
});
