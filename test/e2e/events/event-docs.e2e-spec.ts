import request from 'supertest';
import { businessModules } from '../../../src/modules';
import { eventsOf } from '../../../src/platform/modules/business-module';
import { ApiClient } from '../../support/api-client';
import { eventually } from '../../support/eventually';
import { startFullApp } from '../../support/full-app';
import type { TestApp } from '../../support/test-app';

interface Envelope {
  type: string;
  version: number;
  source: string;
  data: Record<string, unknown>;
}

describe('Event docs (/docs/asyncapi.json, /docs/events)', () => {
  let app: TestApp;
  const catalogue = eventsOf(businessModules);

  beforeAll(async () => {
    app = await startFullApp();
  });
  afterAll(() => app.close());

  it('serves the AsyncAPI document without an API key: every event, its owner sending it, its consumers receiving it', async () => {
    const response = await request(app.url).get('/docs/asyncapi.json').expect(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    const document = response.body as {
      asyncapi: string;
      channels: Record<string, unknown>;
      operations: Record<string, { action: string }>;
    };
    expect(document.asyncapi).toMatch(/^3\./);
    expect(Object.keys(document.channels).sort()).toEqual([...new Set(catalogue.entries().map((e) => e.type))].sort());
    expect(document.operations['payments.publishes.transfer.requested']).toMatchObject({ action: 'send' });
    expect(document.operations['accounts.execute-transfer.receives.transfer.requested']).toMatchObject({
      action: 'receive',
    });
  });

  it('renders it as a page without an API key, self-contained under the Content-Security-Policy', async () => {
    const response = await request(app.url).get('/docs/events').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['content-security-policy']).toContain(`default-src 'self'`);
    const html = response.text;
    for (const { type } of catalogue.entries()) expect(html).toContain(`<code>${type}</code>`);
    // Nothing the policy or an offline browser would refuse: no script, no asset from elsewhere.
    expect(html).not.toMatch(/<script|src=/i);
    expect(html.match(/<link[^>]*>/g)).toEqual(['<link rel="icon" href="data:,">']);
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('describes what the app really publishes: the events of a payment match their schemas and their owner', async () => {
    const admin = new ApiClient(app.url);
    const payer = await admin.fundedAccount(5_000);
    const payee = await admin.openAccount();
    const created = await admin.createPayment({
      sourceAccountId: payer.id,
      destinationAccountId: payee.id,
      amount: 300,
    });
    const paymentId = created.body.id as string;
    await admin.paymentReaching(paymentId, ['succeeded']);
    const events = await eventually(async () => {
      const page = await admin.http().get('/v1/events').query({ subject: paymentId, limit: 100 }).expect(200);
      const data = page.body.data as Envelope[];
      expect(data.map((e) => e.type)).toContain('payment.succeeded');
      return data;
    });
    expect(events.length).toBeGreaterThanOrEqual(5);
    for (const event of events) {
      const entry = catalogue.entries().find((e) => e.type === event.type && e.version === event.version);
      expect({ type: event.type, source: event.source }).toEqual({ type: event.type, source: entry?.owner });
      const parsed = entry!.data.strict().safeParse(event.data);
      expect({ type: event.type, issues: parsed.success ? [] : parsed.error.issues }).toEqual({
        type: event.type,
        issues: [],
      });
    }
  });
});
