import { type EventEmitter2 } from '@nestjs/event-emitter';
import { RequestContext } from '../context/request-context';
import { type UnitOfWork } from '../database/unit-of-work';
import { newId } from '../ids';
import type { ConsumerRegistry } from './consumer-registry';
import type { EventData, EventDraft, EventEnvelope, EventType, IntegrationEvent } from './integration-event';
import { OUTBOX_CHANNEL, OUTBOX_COMMITTED } from './messaging.signals';

// One round trip: the event, one delivery row per consumer (the fan-out) and the wake-up NOTIFY
// naming those consumers, which PostgreSQL sends only if and when the transaction commits.
const PUBLISH_SQL = `
  WITH event AS (
    INSERT INTO platform.outbox_events (id, type, version, source, subject, correlation_id, causation_id, data, occurred_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
    RETURNING seq
  ), deliveries AS (
    INSERT INTO platform.event_deliveries (id, event_seq, consumer, subject)
    SELECT d.id, event.seq, d.consumer, $5 FROM event, unnest($10::uuid[], $11::text[]) AS d(id, consumer)
  )
  SELECT pg_notify('${OUTBOX_CHANNEL}', array_to_string($11::text[], ',')) WHERE $12::boolean AND cardinality($11::text[]) > 0`;

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
    private readonly notify: boolean,
  ) {}

  /**
   * Writes the event in the caller's transaction: it is delivered if and only if that
   * transaction commits. Outside a unit of work it throws, because a publish that is not atomic
   * with the state change it reports is a dual write.
   */
  async publish<T extends EventType>(type: T, draft: EventDraft<T>): Promise<IntegrationEvent<T>> {
    const manager = this.unitOfWork.requireTransaction(`Publishing "${String(type)}"`);
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
    };
    const consumers = this.registry.consumersOf(type);
    await manager.query(PUBLISH_SQL, [
      envelope.id,
      envelope.type,
      envelope.version,
      envelope.source,
      envelope.subject,
      envelope.correlationId,
      envelope.causationId,
      envelope.data,
      envelope.occurredAt,
      consumers.map(() => newId()),
      consumers,
      this.notify,
    ]);
    if (consumers.length > 0) this.unitOfWork.afterCommit(() => this.signals.emit(OUTBOX_COMMITTED, consumers));
    return envelope as IntegrationEvent<T>;
  }
}
