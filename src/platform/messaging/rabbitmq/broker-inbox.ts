import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { sql } from '../../database/sql';
import { newId } from '../../ids';
import type { EventEnvelope } from '../integration-event';

export interface ParkedEvent {
  readonly event: EventEnvelope;
  /** When the event committed at its origin. */
  readonly recordedAt: Date;
  /** Attempts used so far (0 for an event queued behind a parked one). */
  readonly attempts: number;
  readonly dead: boolean;
  readonly retryInMs: number;
  readonly error: string | null;
}

/**
 * The consuming side's SQL for broker messages: what the inbox already holds, which subjects
 * wait behind a parked delivery, recording what was handled, and parking what was not. Parking
 * copies the event into this database's outbox table (a no-op when it shares the origin's) and
 * adds a parked delivery, which the relay of a process hosting the consumer runs with the usual
 * retries, dead letters and redrive.
 */
@Injectable()
export class BrokerInbox {
  /** Of `eventIds`, those already handled; of `subjects`, those with a parked delivery still open. */
  async lookup(
    manager: EntityManager,
    consumer: string,
    eventIds: readonly string[],
    subjects: readonly string[],
  ): Promise<{ handled: Set<string>; parkedSubjects: Set<string> }> {
    const { rows } = await sql<{ kind: 'handled' | 'parked'; key: string }>(
      manager,
      `SELECT 'handled' AS kind, event_id::text AS key FROM platform.inbox WHERE consumer = $1 AND event_id = ANY($2::uuid[])
       UNION ALL
       SELECT DISTINCT 'parked', subject FROM platform.event_deliveries
       WHERE consumer = $1 AND parked AND status IN ('pending', 'in_flight') AND subject = ANY($3::text[])`,
      [consumer, eventIds, subjects],
    );
    const pick = (kind: string) => new Set(rows.filter((row) => row.kind === kind).map((row) => row.key));
    return { handled: pick('handled'), parkedSubjects: pick('parked') };
  }

  /** Inside the batch's transaction: its events go in the inbox, whose key refuses a second handling. */
  async record(
    manager: EntityManager,
    consumer: string,
    events: ReadonlyArray<{ event: EventEnvelope; attempts: number }>,
  ): Promise<void> {
    if (events.length === 0) return;
    await sql(
      manager,
      `INSERT INTO platform.inbox (consumer, event_id, attempts)
       SELECT $1, e.event_id, e.attempts FROM unnest($2::uuid[], $3::int[]) AS e(event_id, attempts)`,
      [consumer, events.map((e) => e.event.id), events.map((e) => e.attempts)],
    );
  }

  /** Parks `events` for `consumer`, in the order given (their subjects' order), in one statement. */
  async park(manager: EntityManager, consumer: string, events: readonly ParkedEvent[]): Promise<void> {
    if (events.length === 0) return;
    const input = events.map((p) => ({
      event: p.event,
      recorded_at: p.recordedAt.toISOString(),
      delivery_id: newId(),
      attempts: p.attempts,
      dead: p.dead,
      retry_in_ms: p.retryInMs,
      error: p.error,
    }));
    await sql(
      manager,
      `WITH input AS (
         SELECT i.ord, i.item->'event' AS event, (i.item->'event'->>'id')::uuid AS event_id,
                (i.item->>'recorded_at')::timestamptz AS recorded_at, (i.item->>'delivery_id')::uuid AS delivery_id,
                (i.item->>'attempts')::int AS attempts, (i.item->>'dead')::boolean AS dead,
                (i.item->>'retry_in_ms')::int AS retry_in_ms, i.item->>'error' AS error
         FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS i(item, ord)
       ), copied AS (
         INSERT INTO platform.outbox_events (id, type, version, source, subject, correlation_id, causation_id, data, occurred_at, recorded_at,
                                            traceparent)
         SELECT event_id, event->>'type', (event->>'version')::int, event->>'source', event->>'subject',
                event->>'correlationId', event->>'causationId', event->'data', (event->>'occurredAt')::timestamptz, recorded_at,
                event->>'traceparent'
         FROM input ORDER BY ord
         ON CONFLICT (id) DO NOTHING
         RETURNING seq, id
       ), events AS (
         SELECT seq, id FROM copied
         UNION ALL
         SELECT e.seq, e.id FROM platform.outbox_events e WHERE e.id IN (SELECT event_id FROM input)
       )
       INSERT INTO platform.event_deliveries (id, event_seq, consumer, subject, status, attempts, available_at, last_error, finished_at, parked)
       SELECT input.delivery_id, events.seq, $1, input.event->>'subject', CASE WHEN input.dead THEN 'dead' ELSE 'pending' END,
              input.attempts, clock_timestamp() + input.retry_in_ms * interval '1 millisecond', input.error,
              CASE WHEN input.dead THEN clock_timestamp() END, true
       FROM input JOIN events ON events.id = input.event_id
       ORDER BY input.ord
       -- Sharing the origin's database, the relay may not have deleted the delivery it sent yet: it
       -- becomes the parked one (no longer under the sender's lease, so the sender leaves it alone).
       -- A parked delivery already there (a redelivered message) stays as it is.
       ON CONFLICT (consumer, event_seq) DO UPDATE
         SET status = excluded.status, attempts = excluded.attempts, available_at = excluded.available_at,
             last_error = excluded.last_error, finished_at = excluded.finished_at, parked = true, locked_by = NULL
         WHERE NOT platform.event_deliveries.parked`,
      [consumer, JSON.stringify(input)],
    );
  }
}
