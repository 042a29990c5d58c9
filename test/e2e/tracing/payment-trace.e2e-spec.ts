import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-node';
import { RelayService } from '../../../src/platform/messaging/relay/relay.service';
import { startTracing } from '../../../src/platform/observability/tracing/tracing';
import { ApiClient } from '../../support/api-client';
import { eventually } from '../../support/eventually';
import { startFullApp } from '../../support/full-app';
import type { TestApp } from '../../support/test-app';

// Before any app: the process's one tracer provider, recording into memory (see startTracing).
const exporter = new InMemorySpanExporter();
startTracing({ serviceName: 'payments-platform', sampleRatio: 1, exporter, immediate: true });

const spans = () => exporter.getFinishedSpans();
const named = (trace: readonly ReadableSpan[], name: string) => trace.filter((span) => span.name === name);

/** The one span named so in `trace`. */
function only(trace: readonly ReadableSpan[], name: string): ReadableSpan {
  const found = named(trace, name);
  expect({ name, count: found.length }).toEqual({ name, count: 1 });
  return found[0];
}

const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

/** The server span of the request that answered with `requestId`. */
function requestSpan(requestId: string): ReadableSpan {
  const span = spans().find((s) => s.kind === SpanKind.SERVER && s.attributes['http.request.id'] === requestId);
  expect(span).toBeDefined();
  return span!;
}

describe('Traces across hops (OpenTelemetry)', () => {
  let app: TestApp;
  let api: ApiClient;

  beforeAll(async () => {
    app = await startFullApp({ TRACING_ENABLED: 'true' });
    api = new ApiClient(app.url);
  });
  afterAll(() => app.close());

  it('follows a payment in one trace: its request, then risk, payments, accounts and notifications, each hop with its wait', async () => {
    const payer = await api.fundedAccount(5_000);
    const payee = await api.openAccount();
    const created = await api.createPayment({
      sourceAccountId: payer.id,
      destinationAccountId: payee.id,
      amount: 1_200,
    });
    expect(created.status).toBe(202);
    const requestId = String(created.headers['x-request-id']);
    expect((await api.paymentReaching(created.body.id)).status).toBe('succeeded');

    const http = await eventually(() => requestSpan(requestId));
    expect(http.name).toBe('POST /v1/payments');
    expect(http.attributes['http.response.status_code']).toBe(202);
    const traceId = http.spanContext().traceId;
    const trace = await eventually(() => {
      const found = spans().filter((span) => span.spanContext().traceId === traceId);
      expect(named(found, 'notifications.record-notifications process payment.succeeded')).toHaveLength(1);
      expect(named(found, 'notifications.queue-webhooks process payment.succeeded')).toHaveLength(1);
      return found;
    });

    // Each hop is a consumer span whose parent is the span that published its event.
    const hops: Array<[string, string]> = [
      ['risk.assess-payment', 'payment.created'],
      ['payments.apply-risk-decision', 'risk.assessed'],
      ['accounts.execute-transfer', 'transfer.requested'],
      ['payments.settle-transfer', 'transfer.succeeded'],
      ['notifications.record-notifications', 'payment.succeeded'],
    ];
    let publisher = http;
    for (const [consumer, type] of hops) {
      const process = only(trace, `${consumer} process ${type}`);
      expect(process.kind).toBe(SpanKind.CONSUMER);
      expect({ hop: process.name, parent: parentOf(process) }).toEqual({
        hop: process.name,
        parent: publisher.spanContext().spanId,
      });
      expect(process.attributes).toMatchObject({
        'messaging.consumer.group.name': consumer,
        'messaging.destination.name': type,
        'messaging.message.conversation_id': requestId,
        'event.subject': created.body.id,
      });
      expect(process.events.map((e) => e.name)).toContain('handled');
      // The time in the queue, from the outbox commit to the handling: beside it, under the same publisher.
      const wait = only(trace, `${consumer} wait ${type}`);
      expect(parentOf(wait)).toBe(publisher.spanContext().spanId);
      expect(wait.attributes['messaging.message.id']).toBe(process.attributes['messaging.message.id']);
      publisher = process;
    }
    // An event's other consumers hang off the same publisher, in the same trace.
    const settled = only(trace, 'payments.settle-transfer process transfer.succeeded');
    expect(parentOf(only(trace, 'notifications.queue-webhooks process payment.succeeded'))).toBe(
      settled.spanContext().spanId,
    );
    expect(parentOf(only(trace, 'notifications.record-notifications process risk.assessed'))).toBe(
      only(trace, 'risk.assess-payment process payment.created').spanContext().spanId,
    );

    // The context travels in the envelope, as the outbox stores it; the events API does not show it.
    const rows: Array<{ traceparent: string | null }> = await app.dataSource.query(
      `SELECT traceparent FROM platform.outbox_events WHERE subject = $1`,
      [created.body.id],
    );
    expect(rows.length).toBeGreaterThanOrEqual(hops.length);
    for (const { traceparent } of rows) expect(traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    const listed = await api.http().get('/v1/events').query({ subject: created.body.id }).expect(200);
    for (const event of listed.body.data as object[]) expect(event).not.toHaveProperty('traceparent');
  });

  it('continues the trace of a caller that sends a traceparent', async () => {
    const payer = await api.fundedAccount(1_000);
    const callerTrace = '4bf92f3577b34da6a3ce929d0e0e4736';
    const response = await api
      .http()
      .post(`/v1/accounts/${payer.id}/freeze`)
      .set('traceparent', `00-${callerTrace}-00f067aa0ba902b7-01`)
      .send();
    expect(response.status).toBe(200);
    // The server span ends once the response is out: it may come a moment after the client has it.
    const http = await eventually(() => requestSpan(String(response.headers['x-request-id'])));
    expect(http.spanContext().traceId).toBe(callerTrace);
    expect(parentOf(http)).toBe('00f067aa0ba902b7');
  });

  it('gives each event of a batch its own span in its own trace, linked to the batch that handled it', async () => {
    const payer = await api.fundedAccount(10_000);
    const payee = await api.openAccount();
    const relay = app.get(RelayService);
    // With the relay stopped the payments' first events wait together, so risk takes them in one batch.
    await relay.stop();
    const requests: string[] = [];
    try {
      for (let i = 0; i < 3; i++) {
        const created = await api.createPayment({
          sourceAccountId: payer.id,
          destinationAccountId: payee.id,
          amount: 100,
        });
        requests.push(String(created.headers['x-request-id']));
      }
    } finally {
      relay.start();
    }
    const processes = await eventually(() => {
      const found = requests.map((requestId) => {
        const http = requestSpan(requestId);
        const process = spans().find(
          (s) =>
            s.name === 'risk.assess-payment process payment.created' &&
            s.spanContext().traceId === http.spanContext().traceId,
        );
        expect(process).toBeDefined();
        expect(parentOf(process!)).toBe(http.spanContext().spanId);
        return { http, process: process! };
      });
      return found;
    });
    const batches = spans().filter((s) => s.name === 'risk.assess-payment process batch');
    for (const { http, process } of processes) {
      // A span in a batch links to it; the batch, in a trace of its own, links back to the event's publisher.
      for (const link of process.links) {
        const batch = batches.find((b) => b.spanContext().spanId === link.context.spanId);
        expect(batch).toBeDefined();
        expect(batch!.spanContext().traceId).not.toBe(http.spanContext().traceId);
        expect(batch!.links.map((l) => l.context.spanId)).toContain(http.spanContext().spanId);
      }
    }
    // In one process the relay claims all three at once (over RabbitMQ the broker decides how they are grouped).
    if (process.env.TEST_TOPOLOGY !== 'split') {
      expect(processes.every(({ process }) => process.links.length === 1)).toBe(true);
    }
  });
});
