import { startFullApp } from '../../support/full-app';
import { NotificationEvents } from '../../support/notifications/notification-events';
import { NotificationsApi, type EndpointBody } from '../../support/notifications/notifications-api';
import { WebhookReceiver } from '../../support/notifications/webhook-receiver';
import type { TestApp } from '../../support/test-app';

/** Receivers on private networks, with WEBHOOK_ALLOW_PRIVATE_ADDRESSES off (as in production). */
describe('Webhook receiver safety', () => {
  let app: TestApp;
  let api: NotificationsApi;
  let hooks: WebhookReceiver;
  let registeredBefore: EndpointBody;
  const payment = NotificationEvents.payment();

  beforeAll(async () => {
    hooks = await WebhookReceiver.start();
    // Registered while private receivers were allowed, under a host name (resolved only at delivery).
    const permissive = await startFullApp({ WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true' });
    try {
      registeredBefore = await new NotificationsApi(permissive.url).createEndpoint({
        url: hooks.url('localhost'),
        eventTypes: ['*'],
        accountId: payment.sourceAccountId,
      });
    } finally {
      await permissive.close();
    }
    app = await startFullApp({
      WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'false',
      WEBHOOK_RETRY_SCHEDULE_MS: '20',
      WEBHOOK_POLL_INTERVAL_MS: '100',
    });
    api = new NotificationsApi(app.url);
  });
  afterAll(async () => {
    try {
      await api.http().delete(`/v1/webhook-endpoints/${registeredBefore.id}`);
      await api.deleteCreatedEndpoints();
    } finally {
      await app.close();
      await hooks.close();
    }
  });

  it.each([
    'http://127.0.0.1:8080/hooks',
    'http://localhost/hooks',
    'http://api.localhost/hooks',
    'http://[::1]/hooks',
    'http://10.0.0.5/hooks',
    'http://192.168.1.20/hooks',
    'http://169.254.169.254/latest/meta-data',
    'http://[::ffff:127.0.0.1]/hooks',
    'http://2130706433/hooks',
  ])('refuses to register %s', async (url) => {
    const response = await api
      .http()
      .post('/v1/webhook-endpoints')
      .send({ url, eventTypes: ['*'] })
      .expect(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toMatchObject({
      code: 'NOTIFICATIONS.URL_NOT_ALLOWED',
      errors: [{ field: 'url', message: expect.stringContaining('not allowed') }],
    });
  });

  it('refuses to move an endpoint to a private address, and accepts public ones', async () => {
    const endpoint = await api.createEndpoint({ url: 'https://example.com/hooks', eventTypes: ['*'] });
    const moved = await api
      .http()
      .patch(`/v1/webhook-endpoints/${endpoint.id}`)
      .send({ url: 'http://127.0.0.1/hooks' })
      .expect(400);
    expect(moved.body.code).toBe('NOTIFICATIONS.URL_NOT_ALLOWED');
    await api.http().patch(`/v1/webhook-endpoints/${endpoint.id}`).send({ url: 'https://93.184.216.34/' }).expect(200);
    await api.http().delete(`/v1/webhook-endpoints/${endpoint.id}`).expect(204);
  });

  it('refuses to deliver to a host name that resolves to a loopback address, and records why', async () => {
    await new NotificationEvents(app).paymentSucceeded(payment);

    const failed = await api.onlyMessage(registeredBefore.id, 'failed');
    expect(failed.attempts).toHaveLength(2);
    for (const attempt of failed.attempts) {
      expect(attempt).toMatchObject({
        statusCode: null,
        error: expect.stringMatching(/^Refused: localhost resolves to .*(127\.0\.0\.1|::1)/),
      });
    }
    expect(hooks.received).toEqual([]);
  });
});
