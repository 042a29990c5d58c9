import { type EventEmitter2 } from '@nestjs/event-emitter';
import { RequestContext } from '../context/request-context';
import type { EntityManager } from 'typeorm';
import { deferredSql } from '../database/sql';
import { type UnitOfWork } from '../database/unit-of-work';
import { newId } from '../ids';
import type { ConsumerRegistry } from './consumer-registry';
import type { EventData, EventDraft, EventEnvelope, EventType, IntegrationEvent } from './integration-event';
import { OUTBOX_CHANNEL, OUTBOX_COMMITTED } from './messaging.signals';
import type { ClaimedDelivery } from './relay/claimed-delivery';
import type { DeliveryHandOff } from './relay/delivery-hand-off';

// One statement for every event a transaction published, sent with the COMMIT (deferredSql): the
// events, one delivery row per (event, consumer) (the fan-out) and the wake-up NOTIFY naming the
// consumers with deliveries to claim, which PostgreSQL sends only if and when the transaction
// commits. Events take their seq in the order published.
//
// A delivery flagged in $13 (its consumer idle in this process: RelayService.offerHandOff) is
// written in flight under this process's lease $15, as a claim would leave it, if it is the head
// of its subject's queue: nothing else open for that consumer and subject, here or before. The
// answer names those deliveries, which this process hands to their consumer once the transaction
// commits; the rest wait to be claimed. Publishers of one subject take its row lock, so the check
// sees the one before it, committed.
const PUBLISH_SQL = `
  WITH input AS (
    SELECT * FROM unnest($1::uuid[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[],
                         $8::jsonb[], $9::timestamptz[], $16::text[])
      WITH ORDINALITY AS e(id, type, version, source, subject, correlation_id, causation_id, data, occurred_at,
                           traceparent, position)
  ), events AS (
    INSERT INTO platform.outbox_events (id, type, version, source, subject, correlation_id, causation_id, data, occurred_at,
                                        traceparent)
    SELECT id, type, version, source, subject, correlation_id, causation_id, data, occurred_at, traceparent
    FROM input ORDER BY position
    RETURNING seq, id, subject, recorded_at
  ), fan_out AS (
    SELECT d.id, events.seq, d.consumer, events.subject, events.recorded_at,
           d.hand_off
             AND row_number() OVER (PARTITION BY d.consumer, events.subject ORDER BY events.seq) = 1
             AND NOT EXISTS (
               SELECT 1 FROM platform.event_deliveries queued
               WHERE queued.consumer = d.consumer AND queued.subject = events.subject
                 AND queued.status IN ('pending', 'in_flight')) AS handed
    FROM unnest($10::uuid[], $11::uuid[], $12::text[], $13::boolean[]) AS d(id, event_id, consumer, hand_off)
    JOIN events ON events.id = d.event_id
  ), deliveries AS (
    INSERT INTO platform.event_deliveries (id, event_seq, consumer, subject, status, attempts, locked_by, available_at)
    SELECT id, seq, consumer, subject,
           CASE WHEN handed THEN 'in_flight' ELSE 'pending' END,
           CASE WHEN handed THEN 1 ELSE 0 END,
           CASE WHEN handed THEN $15 END,
           clock_timestamp() + CASE WHEN handed THEN $17 ELSE 0 END * interval '1 millisecond'
    FROM fan_out
  )
  SELECT array_agg(id) FILTER (WHERE handed) AS handed_ids,
         array_agg(recorded_at) FILTER (WHERE handed) AS handed_recorded_at,
         (SELECT pg_notify('${OUTBOX_CHANNEL}', string_agg(DISTINCT consumer, ',')) FROM fan_out
          WHERE NOT handed HAVING $14::boolean AND count(*) > 0) AS notified
  FROM fan_out`;

interface PublishAnswer {
  readonly handed_ids: string[] | null;
  readonly handed_recorded_at: Date[] | null;
}

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
    private readonly notify: boolean,
    private readonly relay: DeliveryHandOff,
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
      consumers.map((consumer) => ({ deliveryId: newId(), envelope, consumer })),
    );
    const consumers = [...new Set(fanOut.map(({ consumer }) => consumer))];
    const handOff = this.relay.offerHandOff(consumers);
    // At most a batch for each consumer taken over; the rest are claimed.
    const offered = new Map<string, number>();
    const handOffFlags = fanOut.map(({ consumer }) => {
      if (!handOff?.consumers.has(consumer)) return false;
      const count = (offered.get(consumer) ?? 0) + 1;
      offered.set(consumer, count);
      return count <= handOff.limit;
    });
    const data = column((e) => JSON.stringify(e.data));
    const { answer } = await deferredSql<PublishAnswer>(manager, 'outbox_publish', PUBLISH_SQL, [
      column((e) => e.id),
      column((e) => e.type),
      column((e) => e.version),
      column((e) => e.source),
      column((e) => e.subject),
      column((e) => e.correlationId),
      column((e) => e.causationId),
      data,
      column((e) => e.occurredAt),
      fanOut.map(({ deliveryId }) => deliveryId),
      fanOut.map(({ envelope }) => envelope.id),
      fanOut.map(({ consumer }) => consumer),
      handOffFlags,
      this.notify,
      handOff?.lease ?? null,
      column((e) => e.traceparent ?? null),
      handOff?.leaseMs ?? 0,
    ]);
    if (consumers.length === 0) return;
    if (!handOff) {
      this.unitOfWork.afterCommit(() => this.signals.emit(OUTBOX_COMMITTED, consumers));
      return;
    }
    // The answer has arrived by the time the transaction has committed.
    this.unitOfWork.afterCommit(() => {
      void answer.then((result) => {
        const row = result?.rows[0];
        const recordedAt = new Map((row?.handed_ids ?? []).map((id, i) => [id, row!.handed_recorded_at![i]]));
        const dataOf = new Map(events.map(({ envelope }, i) => [envelope.id, data[i]]));
        const handed: ClaimedDelivery[] = [];
        const waiting = new Set<string>();
        for (const { deliveryId, envelope, consumer } of fanOut) {
          const recorded = recordedAt.get(deliveryId);
          if (!recorded) {
            waiting.add(consumer);
            continue;
          }
          handed.push({
            id: deliveryId,
            consumer,
            attempts: 1,
            parked: false,
            handledBefore: false,
            recordedAt: recorded,
            // As a claim reads it back from the outbox: plain JSON.
            event: { ...envelope, data: JSON.parse(dataOf.get(envelope.id)!) as EventData },
          });
        }
        this.relay.takeOver(handOff.lease, handed);
        if (waiting.size > 0) this.signals.emit(OUTBOX_COMMITTED, [...waiting]);
      });
    });
  }
}
