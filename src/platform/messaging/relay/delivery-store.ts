import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { deferredSql, preparedSql, sql } from '../../database/sql';
import type { ClaimedDelivery } from './claimed-delivery';

interface ClaimedRow {
  id: string;
  consumer: string;
  attempts: number;
  parked: boolean;
  event_id: string;
  type: string;
  version: number;
  source: string;
  subject: string;
  correlation_id: string | null;
  causation_id: string | null;
  data: Record<string, never>;
  occurred_at: Date;
  recorded_at: Date;
  traceparent: string | null;
  handled_before: boolean;
  queued_behind: boolean;
}

// Claims, in one statement, up to $2 ready deliveries for each of the consumers given. A parked
// delivery (see BrokerInbox.park) is taken only for a consumer in $5, the ones this process hosts;
// a fresh one only for a consumer in $6, the ones its transport can take now.
//
// A ready delivery is claimable only at the head of its subject's queue. The claim walks each
// consumer's ready deliveries oldest first and keeps the heads, but a walk that finds fewer heads
// than it wants reads on: behind a subject whose head is in flight or waiting for a retry, it read
// every delivery of that subject, for every claim (10 subjects, 20,000 deliveries: 110 ms a claim,
// 137 events/s drained). So the walk stops at its 4 × $2 oldest ready deliveries, and a consumer
// whose walk stopped there short of $2 has its heads found subject by subject instead (`heads`, a
// skip scan of the subject index: one probe per subject with open deliveries), so that no subject
// waits behind another one's queue, however deep (5-6 ms a claim there).
//
// Every step is written so that it runs as index probes whatever the statistics say: with
// statistics of a deep backlog (20,000-40,000 deliveries), PostgreSQL otherwise chose plans that
// read whole tables for every claim: sorting every ready delivery, hashing the inbox or the queue
// itself. The drain then fell to a quarter or less (3,400-4,000 events/s against 15,000-21,000 at
// 20,000 deliveries), and the median latency at 1,000 events/s rose from 5-6 ms to 70-100 ms
// (claim-plan.int-spec.ts checks the plan).
export const CLAIM_SQL = `
  WITH RECURSIVE walked AS (
    SELECT consumer.name AS consumer, bound.available_at AS bound, picked.id
    FROM unnest($1::text[]) AS consumer(name)
    -- Where the walk stops: the 4 x $2-th oldest ready delivery, or none when there are fewer.
    LEFT JOIN LATERAL (
      SELECT c.available_at FROM platform.event_deliveries c
      WHERE c.consumer = consumer.name
        AND c.status IN ('pending', 'in_flight')
        AND c.available_at <= statement_timestamp()
      ORDER BY c.consumer, c.available_at
      OFFSET 4 * $2 - 1 LIMIT 1
    ) AS bound ON true
    LEFT JOIN LATERAL (
      SELECT d.id
      FROM platform.event_deliveries d
      WHERE d.consumer = consumer.name
        AND d.status IN ('pending', 'in_flight')
        -- statement_timestamp(), not clock_timestamp(): stable, so it bounds the index scan.
        AND d.available_at <= least(statement_timestamp(), bound.available_at)
        -- The head of its subject's queue: a scalar subquery, an index probe on (consumer,
        -- subject, event_seq). And <=, which means = here (d is one of the rows the min is taken
        -- over): PostgreSQL guesses that = to a subquery keeps 0.5% of the rows, fewer than the
        -- LIMIT, and then sorted the whole queue rather than walk the ready index in order.
        AND d.event_seq <= (
          SELECT min(earlier.event_seq) FROM platform.event_deliveries earlier
          WHERE earlier.consumer = d.consumer
            AND earlier.subject = d.subject
            AND earlier.status IN ('pending', 'in_flight'))
        AND CASE WHEN d.parked THEN d.consumer = ANY($5::text[]) ELSE d.consumer = ANY($6::text[]) END
      ORDER BY d.consumer, d.available_at
      LIMIT $2
      FOR UPDATE OF d SKIP LOCKED
    ) AS picked ON true
  ), short AS (
    SELECT consumer, $2 - count(id) AS room FROM walked
    WHERE bound IS NOT NULL
    GROUP BY consumer
    HAVING count(id) < $2
  ), heads AS (
    -- The first open delivery of each subject, subject after subject, for the consumers cut short.
    SELECT first.* FROM short CROSS JOIN LATERAL (
      SELECT h.consumer, h.subject, h.id, h.available_at FROM platform.event_deliveries h
      WHERE h.consumer = short.consumer AND h.status IN ('pending', 'in_flight')
      ORDER BY h.consumer, h.subject, h.event_seq
      LIMIT 1
    ) AS first
    UNION ALL
    SELECT next.* FROM heads CROSS JOIN LATERAL (
      SELECT h.consumer, h.subject, h.id, h.available_at FROM platform.event_deliveries h
      WHERE h.consumer = heads.consumer AND h.subject > heads.subject AND h.status IN ('pending', 'in_flight')
      ORDER BY h.consumer, h.subject, h.event_seq
      LIMIT 1
    ) AS next
  ), more AS (
    -- The oldest ready ones, up to the room the walk left; locked as the walk locks.
    SELECT taken.id FROM short CROSS JOIN LATERAL (
      SELECT d.id
      FROM platform.event_deliveries d
      WHERE d.id = ANY (ARRAY(
          SELECT h.id FROM heads h
          WHERE h.consumer = short.consumer
            AND h.available_at <= statement_timestamp()
            AND NOT h.id = ANY (ARRAY(SELECT id FROM walked WHERE id IS NOT NULL))))
        -- Checked again on the row locked, as in the walk: one claimed meanwhile is no longer ready.
        AND d.status IN ('pending', 'in_flight')
        AND d.available_at <= statement_timestamp()
        AND CASE WHEN d.parked THEN d.consumer = ANY($5::text[]) ELSE d.consumer = ANY($6::text[]) END
      ORDER BY d.available_at
      LIMIT short.room
      FOR UPDATE OF d SKIP LOCKED
    ) AS taken
  ), ready AS (
    SELECT id FROM walked WHERE id IS NOT NULL
    UNION ALL
    SELECT id FROM more
  ), claimed AS (
    UPDATE platform.event_deliveries d
    SET status = 'in_flight',
        attempts = d.attempts + 1,
        locked_by = $3,
        available_at = clock_timestamp() + $4 * interval '1 millisecond'
    -- An array of ids, not a join with ready: a join was hashed against the whole queue.
    WHERE d.id = ANY (ARRAY(SELECT id FROM ready))
    RETURNING d.id, d.consumer, d.attempts, d.parked, d.subject, d.event_seq
  )
  SELECT c.id, c.consumer, c.attempts, c.parked, e.id AS event_id, e.type, e.version, e.source, e.subject,
         e.correlation_id, e.causation_id, e.data, e.occurred_at, e.recorded_at, e.traceparent,
         -- Scalar subqueries, not EXISTS, which may run as one hash of the whole table.
         coalesce((SELECT true FROM platform.inbox i WHERE i.consumer = c.consumer AND i.event_id = e.id), false)
           AS handled_before,
         coalesce((SELECT true FROM platform.event_deliveries later
                   WHERE later.consumer = c.consumer AND later.subject = c.subject AND later.event_seq > c.event_seq
                     AND later.status IN ('pending', 'in_flight')
                   LIMIT 1), false) AS queued_behind
  FROM claimed c
  -- LIMIT 1 (seq is the key) keeps it a probe per row, not a join that may hash the outbox.
  CROSS JOIN LATERAL (SELECT * FROM platform.outbox_events e WHERE e.seq = c.event_seq LIMIT 1) e`;

const FINISH_SQL = `
  WITH handled AS (
    INSERT INTO platform.inbox (consumer, event_id, attempts)
    SELECT $1, e.event_id, e.attempts FROM unnest($2::uuid[], $3::int[]) AS e(event_id, attempts)
  )
  DELETE FROM platform.event_deliveries WHERE id = ANY($4::uuid[]) AND locked_by = $5 AND status = 'in_flight'`;

export interface ConsumerQueueStats {
  readonly consumer: string;
  readonly backlog: number;
  readonly inFlight: number;
  readonly dead: number;
  /** Age in seconds of the oldest delivery not yet done (pending, retrying or in flight), or null. */
  readonly oldestPendingAgeSeconds: number | null;
  /**
   * The same, leaving out deliveries waiting for a scheduled retry: what is new, due or in flight.
   * It grows when the relay falls behind or a handler hangs, not because one event keeps failing.
   */
  readonly oldestActiveAgeSeconds: number | null;
}

export interface DeliveryFailure {
  readonly id: string;
  readonly dead: boolean;
  readonly retryInMs: number;
  readonly error: string;
}

/** The SQL of the delivery queue. Every statement touches a whole batch at once. */
@Injectable()
export class DeliveryStore {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Claims for `consumers`: their parked deliveries where `hosted` names them, their fresh ones
   * where `fresh` does (see CLAIM_SQL); by default, all of both.
   */
  async claim(
    consumers: readonly string[],
    limit: number,
    worker: string,
    leaseMs: number,
    { hosted, fresh }: { hosted: readonly string[]; fresh: readonly string[] } = {
      hosted: consumers,
      fresh: consumers,
    },
  ): Promise<ClaimedDelivery[]> {
    if (consumers.length === 0) return [];
    const { rows } = await preparedSql<ClaimedRow>(this.dataSource.manager, 'relay_claim', CLAIM_SQL, [
      consumers,
      limit,
      worker,
      leaseMs,
      hosted,
      fresh,
    ]);
    return rows.map((row) => ({
      id: row.id,
      consumer: row.consumer,
      attempts: row.attempts,
      parked: row.parked,
      recordedAt: row.recorded_at,
      handledBefore: row.handled_before,
      queuedBehind: row.queued_behind,
      event: {
        id: row.event_id,
        type: row.type,
        version: row.version,
        occurredAt: row.occurred_at.toISOString(),
        source: row.source,
        subject: row.subject,
        correlationId: row.correlation_id,
        causationId: row.causation_id,
        data: row.data,
        ...(row.traceparent !== null && { traceparent: row.traceparent }),
      },
    }));
  }

  /**
   * Finishes a batch inside the consumer's own transaction, in one statement: records the events
   * it handled in the inbox and deletes their deliveries, so "handled" and "delivered" commit with
   * the effects. The queue keeps only work still to do; the inbox keeps what was handled, and at
   * which attempt. Its primary key is the once-only guard: if another worker took a delivery over
   * (an expired lease) and handled it first, this insert fails and the whole transaction, effects
   * included, rolls back.
   */
  async finish(
    manager: EntityManager,
    consumer: string,
    deliveries: readonly ClaimedDelivery[],
    worker: string,
  ): Promise<void> {
    if (deliveries.length === 0) return;
    const handled = deliveries.filter((d) => !d.handledBefore);
    await deferredSql(manager, 'relay_finish', FINISH_SQL, [
      consumer,
      handled.map((d) => d.event.id),
      handled.map((d) => d.attempts),
      deliveries.map((d) => d.id),
      worker,
    ]);
  }

  /** Deletes deliveries that a broker confirmed: from here on they are the far side's to handle. */
  async complete(ids: readonly string[], worker: string): Promise<void> {
    if (ids.length === 0) return;
    await sql(
      this.dataSource.manager,
      `DELETE FROM platform.event_deliveries WHERE id = ANY($1::uuid[]) AND locked_by = $2 AND status = 'in_flight'`,
      [ids, worker],
    );
  }

  async markFailed(failures: readonly DeliveryFailure[], worker: string): Promise<void> {
    if (failures.length === 0) return;
    await sql(
      this.dataSource.manager,
      `UPDATE platform.event_deliveries d
       SET status = CASE WHEN f.dead THEN 'dead' ELSE 'pending' END,
           available_at = clock_timestamp() + f.retry_in_ms * interval '1 millisecond',
           finished_at = CASE WHEN f.dead THEN clock_timestamp() END,
           last_error = f.error,
           locked_by = NULL
       FROM unnest($1::uuid[], $2::boolean[], $3::int[], $4::text[]) AS f(id, dead, retry_in_ms, error)
       WHERE d.id = f.id AND d.locked_by = $5 AND d.status = 'in_flight'`,
      [
        failures.map((f) => f.id),
        failures.map((f) => f.dead),
        failures.map((f) => f.retryInMs),
        failures.map((f) => f.error),
        worker,
      ],
    );
  }

  /** Puts deliveries back without counting the attempt, for work claimed but never started. */
  async release(ids: readonly string[], worker: string): Promise<void> {
    if (ids.length === 0) return;
    await sql(
      this.dataSource.manager,
      `UPDATE platform.event_deliveries
       SET status = 'pending', attempts = greatest(attempts - 1, 0), available_at = clock_timestamp(), locked_by = NULL
       WHERE id = ANY($1::uuid[]) AND locked_by = $2 AND status = 'in_flight'`,
      [ids, worker],
    );
  }

  /**
   * Extends the leases (delivery id → lease) of deliveries still being handled, so a slow batch is
   * not taken over. A row another transaction has locked is skipped, not waited for: that is a
   * batch finishing (or failing) it right now, and waiting could deadlock with it, as the two lock
   * many rows in different orders. A skipped lease is renewed on the next round if it still runs.
   */
  async renewLeases(leases: ReadonlyMap<string, string>, leaseMs: number): Promise<void> {
    if (leases.size === 0) return;
    await sql(
      this.dataSource.manager,
      `WITH held AS (
         SELECT d.id FROM platform.event_deliveries d
         JOIN unnest($1::uuid[], $2::text[]) AS held(id, lease) ON d.id = held.id AND d.locked_by = held.lease
         WHERE d.status = 'in_flight'
         FOR UPDATE OF d SKIP LOCKED
       )
       UPDATE platform.event_deliveries d
       SET available_at = clock_timestamp() + $3 * interval '1 millisecond'
       FROM held WHERE d.id = held.id`,
      [[...leases.keys()], [...leases.values()], leaseMs],
    );
  }

  /** Queue depth per consumer. Handled deliveries are deleted, so the table holds only open and dead ones. */
  async stats(): Promise<ConsumerQueueStats[]> {
    const { rows } = await sql<{
      consumer: string;
      backlog: string;
      in_flight: string;
      dead: string;
      oldest_age: number | null;
      oldest_active_age: number | null;
    }>(
      this.dataSource.manager,
      `SELECT consumer,
              count(*) FILTER (WHERE status <> 'dead') AS backlog,
              count(*) FILTER (WHERE status = 'in_flight') AS in_flight,
              count(*) FILTER (WHERE status = 'dead') AS dead,
              extract(epoch FROM clock_timestamp() - min(created_at) FILTER (WHERE status <> 'dead'))::float8 AS oldest_age,
              extract(epoch FROM clock_timestamp() - min(created_at) FILTER (
                WHERE status = 'in_flight' OR (status = 'pending' AND NOT (attempts > 0 AND available_at > clock_timestamp()))
              ))::float8 AS oldest_active_age
       FROM platform.event_deliveries GROUP BY consumer`,
    );
    return rows.map((row) => ({
      consumer: row.consumer,
      backlog: Number(row.backlog),
      inFlight: Number(row.in_flight),
      dead: Number(row.dead),
      oldestPendingAgeSeconds: row.oldest_age,
      oldestActiveAgeSeconds: row.oldest_active_age,
    }));
  }

  /** The age of the oldest delivery that is new, due or in flight (see ConsumerQueueStats), or 0: for readiness. */
  async oldestActiveAgeSeconds(): Promise<number> {
    const { rows } = await sql<{ age: number | null }>(
      this.dataSource.manager,
      `SELECT extract(epoch FROM clock_timestamp() - min(created_at))::float8 AS age
       FROM platform.event_deliveries
       WHERE status = 'in_flight' OR (status = 'pending' AND NOT (attempts > 0 AND available_at > clock_timestamp()))`,
    );
    return Math.max(0, rows[0]?.age ?? 0);
  }
}
