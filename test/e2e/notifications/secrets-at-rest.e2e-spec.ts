import { newId } from '../../../src/platform/ids';
import { ApiClient } from '../../support/api-client';
import { startFullApp } from '../../support/full-app';
import type { TestApp } from '../../support/test-app';

describe('Webhook secrets at rest', () => {
  let app: TestApp;
  let api: ApiClient;

  beforeAll(async () => {
    app = await startFullApp();
    api = new ApiClient(app.url);
  });
  afterAll(() => app.close());

  it('stores secrets sealed (AES-256-GCM), the idempotent answer too, and still replays and rotates', async () => {
    const key = newId();
    const create = () =>
      api
        .http()
        .post('/v1/webhook-endpoints')
        .set('Idempotency-Key', key)
        .send({ url: 'https://hooks.example.com/sealed', eventTypes: ['*'] });
    const created = (await create().expect(201)).body;
    expect(created.secret).toMatch(/^whsec_/);

    const [row] = await app
      .dataSourceOf('notifications')
      .query(`SELECT secret FROM notifications.webhook_endpoints WHERE id = $1`, [created.id]);
    expect(row.secret).toMatch(/^enc:v1:/);
    expect(row.secret).not.toContain(created.secret.slice(6));
    const stored = await app
      .dataSourceOf('notifications')
      .query(`SELECT response_body::text AS body FROM platform.idempotency_keys`);
    expect(stored.map((r: { body: string }) => r.body).join('\n')).not.toContain(created.secret.slice(6));

    const replay = await create().expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.secret).toBe(created.secret);

    const rotated = (await api.http().post(`/v1/webhook-endpoints/${created.id}/rotate-secret`).expect(200)).body;
    expect(rotated.secret).not.toBe(created.secret);
    const [after] = await app
      .dataSourceOf('notifications')
      .query(`SELECT secret, previous_secret FROM notifications.webhook_endpoints WHERE id = $1`, [created.id]);
    expect(after.secret).toMatch(/^enc:v1:/);
    expect(after.previous_secret).toMatch(/^enc:v1:/);
    expect(JSON.stringify(after)).not.toContain(rotated.secret.slice(6));
    expect(JSON.stringify(after)).not.toContain(created.secret.slice(6));
    await api.http().delete(`/v1/webhook-endpoints/${created.id}`).expect(204);
  });
});
