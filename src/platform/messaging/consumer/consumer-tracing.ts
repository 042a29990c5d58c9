import { SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Span } from '@opentelemetry/api';
import { contextFrom, tracer, traceparentOf, tracingEnabled } from '../../observability/tracing/tracing';
import type { EventEnvelope } from '../integration-event';

interface TracedMessage {
  readonly event: EventEnvelope;
  /** When the event committed to the outbox at its origin. */
  readonly recordedAt: Date;
  readonly handledBefore: boolean;
}

/**
 * The spans of one consumer transaction, for both transports. Each event gets, in the trace its
 * `traceparent` names (the request or the consumer that published it):
 * - `<consumer> wait <type>`: from the outbox commit to the start of its handling, the time in the
 *   queue (the relay's claim, a broker's queue, a turn for a transaction);
 * - `<consumer> process <type>` (a consumer span): from its handling to the commit or rollback of
 *   its transaction, with a `handled` event when its handler returned. Events it publishes carry it.
 *
 * A batch handles many events in one transaction, events that belong to as many traces (payments).
 * Each event keeps its own spans in its own trace, as above, so a payment's trace is whole; the
 * transaction they shared is a span of its own, `<consumer> process batch`, the root of a trace of
 * its own, linked to every event's publisher, and each event's span links back to it. A batch that
 * rolls back marks its spans failed; its events then run one by one and get new spans.
 */
export class ConsumerTrace {
  private readonly parents: Context[];
  private readonly batch?: Span;
  private readonly spans: Span[] = [];

  private constructor(
    private readonly consumer: string,
    private readonly messages: readonly TracedMessage[],
  ) {
    this.parents = messages.map((message) => contextFrom(message.event.traceparent));
    if (messages.length > 1) {
      const links = this.parents.flatMap((parent) => {
        const context = trace.getSpanContext(parent);
        return context ? [{ context }] : [];
      });
      this.batch = tracer().startSpan(`${consumer} process batch`, {
        kind: SpanKind.CONSUMER,
        root: true,
        links,
        attributes: { ...this.common(), 'messaging.batch.message_count': messages.length },
      });
    }
  }

  /** Spans for a transaction of `messages`; undefined, at no cost, while tracing is off. */
  static start(consumer: string, messages: readonly TracedMessage[]): ConsumerTrace | undefined {
    return tracingEnabled() ? new ConsumerTrace(consumer, messages) : undefined;
  }

  /** Opens the spans of the `index`th message as its handling starts; returns the context its handler publishes under. */
  begin(index: number): string | undefined {
    const { event, recordedAt, handledBefore } = this.messages[index];
    const now = Date.now();
    const attributes: Attributes = {
      ...this.common(),
      'messaging.destination.name': event.type,
      'messaging.message.id': event.id,
      'messaging.message.conversation_id': event.correlationId ?? event.id,
      'event.subject': event.subject,
      'event.handled_before': handledBefore,
    };
    // Clocks of two machines may disagree a little: a wait never ends before it began.
    const waitStart = Math.min(recordedAt.getTime(), now);
    tracer()
      .startSpan(`${this.consumer} wait ${event.type}`, { startTime: waitStart, attributes }, this.parents[index])
      .end(now);
    const span = tracer().startSpan(
      `${this.consumer} process ${event.type}`,
      {
        kind: SpanKind.CONSUMER,
        startTime: now,
        attributes,
        links: this.batch ? [{ context: this.batch.spanContext() }] : [],
      },
      this.parents[index],
    );
    this.spans[index] = span;
    return traceparentOf(span);
  }

  handled(index: number): void {
    this.spans[index]?.addEvent('handled');
  }

  /** Ends every span once the transaction committed, or rolled back (`failed`). */
  end(failed?: { error: unknown }): void {
    const { error } = failed ?? {};
    const message = error instanceof Error ? error.message : 'The transaction rolled back';
    for (const span of [...this.spans, this.batch]) {
      if (!span) continue;
      if (failed) span.setStatus({ code: SpanStatusCode.ERROR, message });
      span.end();
    }
  }

  private common(): Attributes {
    return { 'messaging.operation.type': 'process', 'messaging.consumer.group.name': this.consumer };
  }
}
