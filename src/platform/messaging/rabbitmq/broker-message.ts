import type { ConsumeMessage, Options } from 'amqplib';
import type { EventEnvelope } from '../integration-event';
import type { ClaimedDelivery } from '../relay/claimed-delivery';

/** An event as it crosses the broker: the envelope as JSON, and what the far side needs besides in headers. */
export function toMessage(delivery: ClaimedDelivery): { content: Buffer; options: Options.Publish } {
  return {
    content: Buffer.from(JSON.stringify(delivery.event)),
    options: {
      persistent: true,
      contentType: 'application/json',
      messageId: delivery.event.id,
      type: delivery.event.type,
      timestamp: Math.floor(Date.now() / 1000),
      headers: {
        'x-delivery-id': delivery.id,
        // When the event committed at its origin: the far side's commit-to-handled latency includes the broker leg.
        'x-recorded-at': delivery.recordedAt.toISOString(),
      },
    },
  };
}

export interface ReceivedEvent {
  readonly event: EventEnvelope;
  readonly recordedAt: Date;
  /** Deliveries of this message before this one (a quorum queue counts them: a crash, a lost ack). */
  readonly redeliveries: number;
}

/** Reads a message back; null when it is not one of ours (it is dead-lettered then). */
export function fromMessage(message: ConsumeMessage): ReceivedEvent | null {
  try {
    const parsed = JSON.parse(message.content.toString('utf8')) as EventEnvelope | null;
    if (typeof parsed?.id !== 'string' || typeof parsed.type !== 'string' || typeof parsed.subject !== 'string')
      return null;
    // Trace context is metadata: a malformed one is dropped, never a reason to refuse the event.
    const { traceparent, ...rest } = parsed;
    const event: EventEnvelope = typeof traceparent === 'string' ? { ...rest, traceparent } : rest;
    const headers = message.properties.headers ?? {};
    const recordedAt = new Date(String(headers['x-recorded-at'] ?? event.occurredAt));
    const redeliveries = Number(headers['x-delivery-count'] ?? 0);
    return { event, recordedAt: Number.isNaN(recordedAt.getTime()) ? new Date() : recordedAt, redeliveries };
  } catch {
    return null;
  }
}
