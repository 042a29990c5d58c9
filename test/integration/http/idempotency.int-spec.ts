import { Module } from '@nestjs/common';
import { api } from '../../support/api';
import { persistenceUnits } from '../../../src/persistence-units';
import { IdempotencyKeyInUseError } from '../../../src/platform/http/idempotency/idempotency.errors';
import { IdempotencyStore } from '../../../src/platform/http/idempotency/idempotency-store';
import { NO_CONSUMERS } from '../../../src/platform/messaging/subscriptions';
import { PlatformModule } from '../../../src/platform/platform.module';
import { TEST_WIDGETS_TABLE, WidgetsModule } from '../../support/http/widgets.module';
import { startTestApp, type TestApp } from '../../support/test-app';

@Module({ imports: [PlatformModule.forRoot(persistenceUnits, NO_CONSUMERS), WidgetsModule] })
class WidgetsRoot {}

describe('Idempotency-Key', () => {
  let app: TestApp;
  let key = 0;
  const nextKey = () => `key-${process.pid}-${Date.now()}-${++key}`;
  const widgets = async () => (await api(app.url).get('/test/widgets/count').expect(200)).body.count as number;

  beforeAll(async () => {
    app = await startTestApp(WidgetsRoot);
    await app.dataSource.query(TEST_WIDGETS_TABLE);
  });
  afterAll(() => app.close());

  it('is required where the endpoint says so', async () => {
    const response = await api(app.url).post('/test/widgets').send({ name: 'a' }).expect(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toMatchObject({ code: 'IDEMPOTENCY.KEY_REQUIRED', errors: [{ field: 'Idempotency-Key' }] });
    await api(app.url).post('/test/widgets/optional-key').send({ name: 'a' }).expect(201);
  });

  it('must be 1 to 255 visible characters', async () => {
    const tooLong = 'k'.repeat(256);
    const response = await api(app.url)
      .post('/test/widgets')
      .set('Idempotency-Key', tooLong)
      .send({ name: 'a' })
      .expect(400);
    expect(response.body.code).toBe('IDEMPOTENCY.KEY_INVALID');
    await api(app.url).post('/test/widgets').set('Idempotency-Key', 'k'.repeat(255)).send({ name: 'a' }).expect(201);
  });

  it('replays the first response for the same key and body, without running the work again', async () => {
    const idempotencyKey = nextKey();
    const before = await widgets();
    const first = await api(app.url)
      .post('/test/widgets')
      .set('Idempotency-Key', idempotencyKey)
      .send({ name: 'once', delayMs: 0 })
      .expect(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();

    // Same meaning, keys in another order and other spacing: still the same request.
    const again = await api(app.url)
      .post('/test/widgets')
      .set('Idempotency-Key', idempotencyKey)
      .set('Content-Type', 'application/json')
      .send('{ "delayMs": 0,  "name": "once" }')
      .expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await widgets()).toBe(before + 1);
  });

  it('stores the response in the very transaction that did the work', async () => {
    const idempotencyKey = nextKey();
    const created = await api(app.url)
      .post('/test/widgets')
      .set('Idempotency-Key', idempotencyKey)
      .send({ name: 'atomic' })
      .expect(201);
    // xmin is the id of the transaction that last wrote a row: one transaction wrote both.
    const [widget] = await app.dataSource.query(`SELECT xmin::text AS tx FROM test_widgets WHERE id = $1`, [
      created.body.id,
    ]);
    const [key] = await app.dataSource.query(
      `SELECT xmin::text AS tx, response_status FROM platform.idempotency_keys WHERE key = $1`,
      [idempotencyKey],
    );
    expect(key).toEqual({ tx: widget.tx, response_status: 201 });
  });

  it('refuses the same key with a different body (422 IDEMPOTENCY.KEY_REUSED)', async () => {
    const idempotencyKey = nextKey();
    await api(app.url).post('/test/widgets').set('Idempotency-Key', idempotencyKey).send({ name: 'first' }).expect(201);
    const reused = await api(app.url)
      .post('/test/widgets')
      .set('Idempotency-Key', idempotencyKey)
      .send({ name: 'second' })
      .expect(422);
    expect(reused.body.code).toBe('IDEMPOTENCY.KEY_REUSED');
  });

  it('refuses the same key while the first request is still running (409 IDEMPOTENCY.KEY_IN_USE)', async () => {
    const idempotencyKey = nextKey();
    const before = await widgets();
    const slow = api(app.url)
      .post('/test/widgets')
      .set('Idempotency-Key', idempotencyKey)
      .send({ name: 'slow', delayMs: 600 });
    const slowDone = slow.then((r) => r);
    await new Promise((resolve) => setTimeout(resolve, 150));
    const concurrent = await api(app.url)
      .post('/test/widgets')
      .set('Idempotency-Key', idempotencyKey)
      .send({ name: 'slow', delayMs: 600 })
      .expect(409);
    expect(concurrent.body.code).toBe('IDEMPOTENCY.KEY_IN_USE');

    expect((await slowDone).status).toBe(201);
    const replay = await api(app.url)
      .post('/test/widgets')
      .set('Idempotency-Key', idempotencyKey)
      .send({ name: 'slow', delayMs: 600 })
      .expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(await widgets()).toBe(before + 1);
  });

  it('runs the work once however many duplicates race for the key', async () => {
    for (let round = 0; round < 5; round++) {
      const idempotencyKey = nextKey();
      const before = await widgets();
      const responses = await Promise.all(
        Array.from({ length: 12 }, () =>
          api(app.url).post('/test/widgets').set('Idempotency-Key', idempotencyKey).send({ name: 'race' }),
        ),
      );
      const ran = responses.filter((r) => r.status === 201 && r.headers['idempotent-replayed'] === undefined);
      const others = responses.filter((r) => !ran.includes(r));
      expect(ran).toHaveLength(1);
      for (const other of others) {
        expect(other.status === 409 || other.headers['idempotent-replayed'] === 'true').toBe(true);
        if (other.status === 201) expect(other.body).toEqual(ran[0].body);
      }
      expect(await widgets()).toBe(before + 1);
    }
  });

  it('never overwrites an answer stored under a live key: the late writer fails (409) and rolls back', async () => {
    const store = app.get(IdempotencyStore);
    const idempotencyKey = nextKey();
    await app.dataSource.transaction((manager) =>
      store.save(manager, 'anonymous', idempotencyKey, 'f1', 201, { a: 1 }),
    );
    await expect(
      app.dataSource.transaction((manager) => store.save(manager, 'anonymous', idempotencyKey, 'f2', 201, { b: 2 })),
    ).rejects.toBeInstanceOf(IdempotencyKeyInUseError);
    const [row] = await app.dataSource.query(`SELECT fingerprint FROM platform.idempotency_keys WHERE key = $1`, [
      idempotencyKey,
    ]);
    expect(row.fingerprint).toBe('f1');
  });

  it('does not store a request that fails validation, so it can be retried with the same key', async () => {
    const idempotencyKey = nextKey();
    const invalid = await api(app.url)
      .post('/test/widgets')
      .set('Idempotency-Key', idempotencyKey)
      .send({ name: '' })
      .expect(400);
    expect(invalid.body).toMatchObject({ code: 'REQUEST.VALIDATION_FAILED', errors: [{ field: 'name' }] });
    const valid = await api(app.url)
      .post('/test/widgets')
      .set('Idempotency-Key', idempotencyKey)
      .send({ name: 'fixed' })
      .expect(201);
    expect(valid.headers['idempotent-replayed']).toBeUndefined();
  });

  it('stores a business refusal and replays it, and the refused work left nothing behind', async () => {
    const idempotencyKey = nextKey();
    const before = await widgets();
    const refused = await api(app.url)
      .post('/test/widgets')
      .set('Idempotency-Key', idempotencyKey)
      .send({ name: 'nope', refuse: true })
      .expect(422);
    expect(refused.body.code).toBe('WIDGETS.REFUSED');
    const replay = await api(app.url)
      .post('/test/widgets')
      .set('Idempotency-Key', idempotencyKey)
      .send({ name: 'nope', refuse: true })
      .expect(422);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.headers['content-type']).toContain('application/problem+json');
    // The same problem, quoted under the id of the request that received it.
    expect(replay.body).toEqual({ ...refused.body, requestId: expect.any(String) });
    expect(replay.body.requestId).not.toBe(refused.body.requestId);
    expect(await widgets()).toBe(before);
  });

  it('scopes keys to the API key that sent them', async () => {
    const newKey = async (name: string) =>
      (
        await api(app.url)
          .post('/v1/api-keys')
          .send({ name, scopes: ['admin'] })
          .expect(201)
      ).body.key as string;
    const [alice, bob] = [await newKey('alice'), await newKey('bob')];
    const idempotencyKey = nextKey();
    const before = await widgets();
    await api(app.url, alice)
      .post('/test/widgets')
      .set('Idempotency-Key', idempotencyKey)
      .send({ name: 'x' })
      .expect(201);
    const byBob = await api(app.url, bob)
      .post('/test/widgets')
      .set('Idempotency-Key', idempotencyKey)
      .send({ name: 'x' })
      .expect(201);
    expect(byBob.headers['idempotent-replayed']).toBeUndefined();
    const byAlice = await api(app.url, alice)
      .post('/test/widgets')
      .set('Idempotency-Key', idempotencyKey)
      .send({ name: 'x' })
      .expect(201);
    expect(byAlice.headers['idempotent-replayed']).toBe('true');
    expect(await widgets()).toBe(before + 2);
  });

  it('stores nothing for a request that failed unexpectedly: a retry with the same key runs the work', async () => {
    const idempotencyKey = nextKey();
    const before = await widgets();
    await api(app.url)
      .post('/test/widgets')
      .set('Idempotency-Key', idempotencyKey)
      .send({ name: 'x', crash: true })
      .expect(500);
    expect(await widgets()).toBe(before);
    // Not a replay and not KEY_REUSED: the failed request left no trace under the key.
    const retried = await api(app.url)
      .post('/test/widgets')
      .set('Idempotency-Key', idempotencyKey)
      .send({ name: 'x' })
      .expect(201);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
    expect(await widgets()).toBe(before + 1);
  });

  it('holds the key for as long as the first request runs, however long that is', async () => {
    const idempotencyKey = nextKey();
    const before = await widgets();
    const body = { name: 'slow', delayMs: 2500 };
    const slow = api(app.url)
      .post('/test/widgets')
      .set('Idempotency-Key', idempotencyKey)
      .send(body)
      .then((r) => r);
    for (const wait of [300, 1500]) {
      await new Promise((resolve) => setTimeout(resolve, wait));
      const duplicate = await api(app.url)
        .post('/test/widgets')
        .set('Idempotency-Key', idempotencyKey)
        .send(body)
        .expect(409);
      expect(duplicate.body.code).toBe('IDEMPOTENCY.KEY_IN_USE');
    }
    expect((await slow).status).toBe(201);
    expect(await widgets()).toBe(before + 1);
  });
});
