import type { ConsumeMessage } from 'amqplib';
import { fromMessage } from './broker-message';

const envelope = {
  id: '0190a6a4-8f1e-7000-8000-000000000001',
  type: 'payment.created',
  version: 1,
  occurredAt: '2026-12-01T12:00:00.000Z',
  source: 'payments',
  subject: 'pay_1',
  correlationId: 'req-1',
  causationId: 'req-1',
  data: { amount: 100 },
};
const message = (body: unknown) =>
  ({
    content: Buffer.from(JSON.stringify(body)),
    properties: { headers: { 'x-recorded-at': '2026-12-01T12:00:00.100Z' } },
  }) as unknown as ConsumeMessage;

describe('Broker messages', () => {
  it('keep the trace context of the envelope', () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    expect(fromMessage(message({ ...envelope, traceparent }))?.event).toEqual({ ...envelope, traceparent });
  });

  it('drop a trace context that is not a string, and still take the event', () => {
    const event = fromMessage(message({ ...envelope, traceparent: { evil: true } }))?.event;
    expect(event).toEqual(envelope);
    expect(event).not.toHaveProperty('traceparent');
  });

  it('refuse what is not an envelope', () => {
    expect(fromMessage(message(null))).toBeNull();
    expect(fromMessage(message({ id: 1 }))).toBeNull();
  });
});
