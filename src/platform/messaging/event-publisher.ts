import { type EventEmitter2 } from '@nestjs/event-emitter';
import { RequestContext } from '../context/request-context';
import type { EntityManager } from 'typeorm';
import { deferredSql } from '../database/sql';
import { type UnitOfWork } from '../database/unit-of-work';
import { newId } from '../ids';
import type { ConsumerRegistry } from './consumer-registry';
import type { EventData, EventDraft, EventEnvelope, EventType, IntegrationEvent } from './integration-event';
import { OUTBOX_CHANNEL, OUTBOX_COMMITTED, outboxNotice } from './messaging.signals';

// One statement for every event a transaction published, sent with the COMMIT (deferredSql): the events, one delivery row per
// (event, consumer) (the fan-out) and, while another instance listens ($14, see ListenerPresence),
// the wake-up NOTIFY naming those consumers, which PostgreSQL sends only if and when the
// transaction commits. Events take their seq in the order published.
const PUBLISH_SQL = `
  WITH input AS (
    SELECT * FROM unnest($1::uuid[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[],
                         $8::jsonb[], $9::timestamptz[], $15::text[])
      WITH ORDINALITY AS e(id, type, version, source, subject, correlation_id, causation_id, data, occurred_at,
                           traceparent, position)
  ), events AS (
    INSERT INTO platform.outbox_events (id, type, version, source, subject, correlation_id, causation_id, data, occurred_at,
                                        traceparent)
    SELECT id, type, version, source, subject, correlation_id, causation_id, data, occurred_at, traceparent
    FROM input ORDER BY position
    RETURNING seq, id, subject
  ), deliveries AS (
    INSERT INTO platform.event_deliveries (id, event_seq, consumer, subject)
    SELECT d.id, events.seq, d.consumer, events.subject
    FROM unnest($10::uuid[], $11::uuid[], $12::text[]) AS d(id, event_id, consumer) JOIN events ON events.id = d.event_id
  )
  SELECT pg_notify('${OUTBOX_CHANNEL}', $13) WHERE $14::boolean AND $13 <> ''`;

interface Unwritten {
  readonly envelope: EventEnvelope;
  readonly consumers: readonly string[];
}

/**
 * Publishes integration events through the transactional outbox. A module gets its own
 * instance (see MessagingModule.forFeature), which stamps its name as the events' `source`.
 */
export class EventPublisher {
  constructor(
    private readonly source: string,
    private readonly unitOfWork: UnitOfWork,
    private readonly registry: ConsumerRegistry,
    private readonly signals: EventEmitter2,
    /** Whether a commit should NOTIFY now (see ListenerPresence). */
    private readonly notify: { readonly wanted: boolean },
    /** This instance's OUTBOX_ORIGIN, named in the NOTIFY so that its own listeners skip it. */
    private readonly origin: string,
  ) {}

  /**
   * Writes the event in the caller's transaction: it is delivered if and only if that
   * transaction commits (its row is written just before the commit, in one statement with every
   * other event the transaction published). Outside a unit of work it throws, because a publish
   * that is not atomic with the state change it reports is a dual write.
   */
  publish<T extends EventType>(type: T, draft: EventDraft<T>): Promise<IntegrationEvent<T>> {
    // Nothing to wait for here; a refusal still arrives as a rejected promise.
    return new Promise((resolve) => resolve(this.gather(type, draft)));
  }

  private gather<T extends EventType>(type: T, draft: EventDraft<T>): IntegrationEvent<T> {
    this.unitOfWork.requireTransaction(`Publishing "${String(type)}"`);
    const owner = this.registry.catalogue.ownerOf(type);
    // A module publishes only the events it owns (docs/integration-events.md): a request to
    // another module is the asker's event, answered with the other module's own.
    if (owner !== this.source) {
      throw new Error(
        `"${this.source}" may not publish "${String(type)}": ${owner ? `its owner is "${owner}"` : 'no module defines it'}`,
      );
    }
    const { subject, version, data } = draft as unknown as { subject: string; version: number; data: EventData };
    const context = RequestContext.current();
    const id = newId();
    const envelope: EventEnvelope = {
      id,
      type,
      version,
      occurredAt: new Date().toISOString(),
      source: this.source,
      subject,
      correlationId: context.correlationId ?? context.requestId ?? id,
      causationId: context.causationId ?? context.requestId ?? null,
      data,
      // Set by the span under way (an HTTP request, a consumer) while tracing is on.
      ...(context.traceparent !== undefined && { traceparent: context.traceparent }),
    };
    // Gathered, and written with the transaction's other events just before it commits.
    this.unitOfWork.collect(this, { envelope, consumers: this.registry.consumersOf(type) }, (manager, events) =>
      this.write(manager, events),
    );
    return envelope as IntegrationEvent<T>;
  }

  private async write(manager: EntityManager, events: readonly Unwritten[]): Promise<void> {
    const column = <V>(pick: (envelope: EventEnvelope) => V) => events.map(({ envelope }) => pick(envelope));
    const fanOut = events.flatMap(({ envelope, consumers }) =>
      consumers.map((consumer) => ({ id: envelope.id, consumer })),
    );
    const consumers = [...new Set(fanOut.map(({ consumer }) => consumer))];
    await deferredSql(manager, 'outbox_publish', PUBLISH_SQL, [
      column((e) => e.id),
      column((e) => e.type),
      column((e) => e.version),
      column((e) => e.source),
      column((e) => e.subject),
      column((e) => e.correlationId),
      column((e) => e.causationId),
      column((e) => JSON.stringify(e.data)),
      column((e) => e.occurredAt),
      fanOut.map(() => newId()),
      fanOut.map(({ id }) => id),
      fanOut.map(({ consumer }) => consumer),
      outboxNotice(this.origin, consumers),
      this.notify.wanted,
      column((e) => e.traceparent ?? null),
    ]);
    if (consumers.length > 0) this.unitOfWork.afterCommit(() => this.signals.emit(OUTBOX_COMMITTED, consumers));
  }
}
