import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { resolve } from 'node:path';
import { ApiClient } from '../../support/api-client';
import { freePort, spawnNode, terminate, type Child } from '../../support/child-process';
import { eventually } from '../../support/eventually';
import { baseTestEnv } from '../../support/test-env';

const MAIN = resolve(__dirname, '../../../dist/main.js');

interface OtlpSpan {
  traceId: string;
  spanId: string;
  name: string;
  attributes?: Array<{ key: string; value: { stringValue?: string } }>;
}

/** A stand-in OpenTelemetry collector: takes OTLP/HTTP JSON exports and keeps their spans. */
async function startCollector(): Promise<{ url: string; spans: OtlpSpan[]; server: Server }> {
  const spans: OtlpSpan[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const exported = JSON.parse(body) as {
        resourceSpans: Array<{ scopeSpans: Array<{ spans: OtlpSpan[] }> }>;
      };
      for (const resource of exported.resourceSpans)
        for (const scope of resource.scopeSpans) spans.push(...scope.spans);
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  const port = await freePort();
  await new Promise<void>((listening) => server.listen(port, '127.0.0.1', listening));
  return { url: `http://127.0.0.1:${port}/v1/traces`, spans, server };
}

const attribute = (span: OtlpSpan, key: string) => span.attributes?.find((a) => a.key === key)?.value.stringValue;

/**
 * The built app as production runs it, tracing to an OTLP collector, logging JSON lines at debug
 * level: what an operator greps when following one payment.
 */
describe('Consumer logs and the OTLP exporter (the built app)', () => {
  let child: Child | undefined;
  let collector: Awaited<ReturnType<typeof startCollector>> | undefined;

  beforeAll(() => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build" first (npm test does)`);
  });
  afterAll(async () => {
    await child?.kill();
    await new Promise((closed) => (collector ? collector.server.close(closed) : closed(undefined)));
  });

  it("exports a payment's trace, and every consumer's log lines carry its correlation id and trace id", async () => {
    collector = await startCollector();
    const port = await freePort();
    child = await spawnNode(
      [MAIN],
      {
        ...baseTestEnv(),
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'debug',
        LOG_PRETTY: 'false',
        WEBHOOK_DELIVERY_ENABLED: 'false',
        TRACING_ENABLED: 'true',
        TRACING_OTLP_ENDPOINT: collector.url,
        TRACING_SERVICE_NAME: 'payments-platform-under-test',
      },
      'Serving on',
      60_000,
    );
    const api = new ApiClient(`http://127.0.0.1:${port}`);
    const payer = await api.fundedAccount(2_000);
    const payee = await api.openAccount();
    const created = await api.createPayment({ sourceAccountId: payer.id, destinationAccountId: payee.id, amount: 300 });
    const requestId = String(created.headers['x-request-id']);
    expect((await api.paymentReaching(created.body.id)).status).toBe('succeeded');
    // The last hops (notifications hearing of the success) may still be under way: wait for the
    // queues of every consumer this app hosts to empty (given time: beside a full test suite on two
    // cores, 10 s once did not do). Only those: the worker's database may also hold what earlier
    // suites left for their own test consumers, which no one here drains.
    await eventually(
      async () => {
        const stats = await api.http().get('/v1/admin/messaging/stats').expect(200);
        const consumers = stats.body.consumers as Array<{ consumer: string; backlog: number; hostedBy: string[] }>;
        const hosted = consumers.filter((c) => c.hostedBy.length > 0);
        expect(hosted.map((c) => c.consumer)).toContain('notifications.record-notifications');
        expect(hosted.filter((c) => c.backlog > 0).map((c) => c.consumer)).toEqual([]);
      },
      { timeoutMs: 30_000 },
    );
    // Shutting down flushes the spans still batched, then the logs.
    await terminate(child);

    const http = collector.spans.find(
      (span) => span.name === 'POST /v1/payments' && attribute(span, 'http.request.id') === requestId,
    );
    expect(http).toBeDefined();
    const traceId = http!.traceId;
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    const exportedHops = collector.spans.filter((span) => span.traceId === traceId && / process /.test(span.name));
    expect(exportedHops.map((span) => span.name)).toEqual(
      expect.arrayContaining([
        'risk.assess-payment process payment.created',
        'accounts.execute-transfer process transfer.requested',
        'notifications.record-notifications process payment.succeeded',
      ]),
    );

    const lines = child
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { context?: string; msg?: string; correlationId?: string; traceId?: string });
    const handled = lines.filter((line) => line.context === 'ConsumerRunner' && line.correlationId === requestId);
    for (const consumer of ['risk.assess-payment', 'payments.apply-risk-decision', 'accounts.execute-transfer']) {
      expect(handled.map((line) => line.msg)).toContainEqual(expect.stringContaining(`${consumer} handled`));
    }
    for (const line of handled) expect(line.traceId).toBe(traceId);
  });
});
