import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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

/** The built app started on `env` until it exits by itself: its exit code and everything it printed. */
function runToExit(env: Record<string, string | undefined>): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    const child = execFile(
      process.execPath,
      [MAIN],
      { env: { ...process.env, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => done({ code: child.exitCode ?? (error ? 1 : 0), output: stdout + stderr }),
    );
  });
}

/** JSON log lines (LOG_PRETTY=false) as objects; anything else is left out. */
function logLines(output: string): Array<Record<string, unknown>> {
  return output.split('\n').flatMap((line) => {
    try {
      return [JSON.parse(line) as Record<string, unknown>];
    } catch {
      return [];
    }
  });
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

  it('logs one line per request, a short startup summary and a line at shutdown', async () => {
    const port = await freePort();
    child = await start(dataDir, port);
    const url = `http://127.0.0.1:${port}`;
    const home = (await request(url).get('/').expect(200)).body as { links: Record<string, { href: string }> };
    expect(Object.values(home.links).map((link) => link.href)).toEqual(
      expect.arrayContaining(['/docs', '/docs/events', '/health/ready']),
    );
    await api(url, 'sk_not_a_key_of_this_app_0123456789abcdef')
      .get('/v1/accounts')
      .set('X-Request-Id', 'req-logged-401');
    const id = '0193f0c2-61aa-7c00-8e2b-5f0d4c3b2a19';
    await request(url).get(`/v1/payments/${id}`).set('X-Request-Id', 'req-logged-by-route').expect(401);
    await terminate(child);

    const lines = logLines(child.output());
    const ofRequest = (requestId: string) => lines.filter((line) => line.requestId === requestId && 'status' in line);
    expect(ofRequest('req-logged-401')).toEqual([
      expect.objectContaining({ method: 'GET', route: '/v1/accounts', status: 401, durationMs: expect.any(Number) }),
    ]);
    // The route's template, not the path: no ids in the request log.
    expect(ofRequest('req-logged-by-route')).toEqual([
      expect.objectContaining({ msg: expect.stringMatching(/^GET \/v1\/payments\/:id 401 [\d.]+ ms$/) }),
    ]);
    const info = lines.filter((line) => Number(line.level) >= 30).map((line) => String(line.msg));
    expect(info.filter((msg) => msg.startsWith('Mapped {'))).toEqual([]);
    expect(info.find((msg) => msg.startsWith('Serving on'))).toMatch(
      /Serving on http:\/\/127\.0\.0\.1:\d+ \(API docs: .*\/docs.*\) · database: embedded PostgreSQL .* · transport: in-process · modules: .*payments/,
    );
    expect(info.at(-1)).toMatch(/^Stopping on SIGTERM/);
  });

  it('reports a database that does not exist, or refuses connections, in one line naming DATABASE_URL', async () => {
    const refused = `postgres://postgres:secret@127.0.0.1:${await freePort()}/payments`;
    const missing = 'postgres://postgres@127.0.0.1:5432/payments_no_such_database';
    for (const [databaseUrl, advice] of [
      [refused, /no PostgreSQL server accepts connections at 127\.0\.0\.1:\d+ \(ECONNREFUSED\)/],
      [missing, /names database "payments_no_such_database", which does not exist .*: create it \(createdb /],
    ] as const) {
      const { code, output } = await runToExit({ DATABASE_URL: databaseUrl, PORT: '0', NODE_ENV: 'development' });
      expect(code).toBe(1);
      const lines = output.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^DATABASE_URL \(/);
      expect(lines[0]).toMatch(advice);
      expect(lines[0]).not.toContain('secret');
    }
  });

  it('starts a new data directory as a copy of the template, redoing a copy left half done, and refuses one holding other files in one line', async () => {
    const root = mkdtempSync(join(tmpdir(), 'payments-embedded-'));
    try {
      // What a first start killed while copying leaves beside the data directory.
      const dir = join(root, 'pglite');
      mkdirSync(join(`${dir}.copying`, 'base'), { recursive: true });
      writeFileSync(join(`${dir}.copying`, 'PG_VERSION'), 'half');
      writeFileSync(join(`${dir}.copying`, 'left-over'), 'not of the template');
      const port = await freePort();
      child = await start(dir, port);
      expect(child.output()).toContain('First start: copying the embedded PostgreSQL');
      await request(`http://127.0.0.1:${port}`).get('/health/ready').expect(200);
      await terminate(child);
      child = undefined;
      expect(existsSync(`${dir}.copying`)).toBe(false);
      expect(readdirSync(dir)).toEqual(expect.arrayContaining(['PG_VERSION', 'base', 'global']));
      // Copied afresh, not over the leftover.
      expect(readdirSync(dir)).not.toContain('left-over');

      const cluttered = join(root, 'cluttered');
      mkdirSync(cluttered);
      writeFileSync(join(cluttered, 'notes.txt'), 'mine');
      const { code, output } = await runToExit({ DATABASE_URL: undefined, EMBEDDED_DB_DIR: cluttered, PORT: '0' });
      expect(code).toBe(1);
      const lines = output.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^EMBEDDED_DB_DIR \(.*cluttered\) holds files but no database/);
      expect(readdirSync(cluttered)).toEqual(['notes.txt']);
      expect(existsSync(`${cluttered}.copying`)).toBe(false);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
