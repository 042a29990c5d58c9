import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import request from 'supertest';
import { api } from '../../support/api';
import { freePort, spawnNode, terminate, type Child } from '../../support/child-process';

const MAIN = resolve(__dirname, '../../../dist/main.js');
const KEY = /sk_[A-Za-z0-9_-]{40,}/g;

/**
 * The built app as `npm start` runs it on a fresh machine: no DATABASE_URL (the embedded
 * database), no ADMIN_API_KEY, development mode, logs at debug level as JSON lines.
 */
async function start(dataDir: string, port: number): Promise<Child> {
  return spawnNode(
    [MAIN],
    {
      NODE_ENV: 'development',
      DATABASE_URL: undefined,
      ADMIN_API_KEY: undefined,
      EMBEDDED_DB_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'debug',
      LOG_PRETTY: 'false',
      WEBHOOK_DELIVERY_ENABLED: 'false',
    },
    'Serving on',
    60_000,
  );
}

describe('First start and logs', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'payments-dev-key-'));
  let child: Child | undefined;

  beforeAll(() => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build" first (npm test does)`);
  });
  afterAll(async () => {
    await child?.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints a development key once at first start, which works, keeps it across restarts, and logs no secret', async () => {
    const port = await freePort();
    child = await start(dataDir, port);
    const url = `http://127.0.0.1:${port}`;
    const startup = child.output();
    expect(startup).toContain('Development admin API key');
    expect(startup).toContain('Authorize');
    const devKey = startup.match(KEY)?.[0] ?? '';
    expect(devKey).toMatch(/^sk_/);
    await request(url).get('/v1/accounts').expect(401);
    await api(url, devKey).get('/v1/accounts').expect(200);

    // Secrets that pass through: a new key, a wrong key, webhook secrets, on success and failure.
    const created = (
      await api(url, devKey)
        .post('/v1/api-keys')
        .send({ name: 'ci', scopes: ['admin'] })
        .expect(201)
    ).body.key as string;
    await api(url, created).get('/v1/payments').expect(200);
    const wrong = 'sk_wrong_key_that_must_not_be_logged_0123456789';
    await api(url, wrong).get('/v1/payments').expect(401);
    const endpoint = (
      await api(url, created)
        .post('/v1/webhook-endpoints')
        .send({ url: 'https://hooks.example.com/x', eventTypes: ['*'] })
        .expect(201)
    ).body;
    const rotated = (await api(url, created).post(`/v1/webhook-endpoints/${endpoint.id}/rotate-secret`).expect(200))
      .body;
    await api(url, created).patch(`/v1/webhook-endpoints/${endpoint.id}`).send({ url: null }).expect(400);

    await terminate(child);
    const firstRun = child.output();
    child = await start(dataDir, port);
    expect(child.output()).not.toContain('Development admin API key');
    await api(url, devKey).get('/v1/accounts').expect(200);

    await terminate(child);
    const logs = firstRun + child.output();
    expect(logs).toContain('Unauthenticated request'); // the refusal is logged, by the key's prefix only…
    expect(logs).toContain(wrong.slice(0, 11));
    expect(logs.split('\n').filter((line) => line.includes(devKey))).toHaveLength(1); // …and the development key only in its startup line
    for (const secret of [created, wrong, endpoint.secret, rotated.secret]) expect(logs).not.toContain(secret);
  });
});
