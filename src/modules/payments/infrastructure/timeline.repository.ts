import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { deferredSql, sql, UnitOfWork } from '../../../platform/database';
import type { EventEnvelope } from '../../../platform/messaging';
import type { TimelineEntry } from '../domain/timeline';

interface PendingEntry {
  readonly paymentId: string;
  readonly event: EventEnvelope;
}

/**
 * Every event about a payment, in the order this module saw them: published by it or delivered to
 * it. Entries are gathered per transaction and written together just before it commits, in one
 * statement for a whole batch of events.
 */
@Injectable()
export class TimelineRepository {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  record(paymentId: string, event: EventEnvelope): void {
    this.unitOfWork.collect(this, { paymentId, event }, (manager, entries) => this.write(manager, entries));
  }

  private async write(manager: EntityManager, entries: readonly PendingEntry[]): Promise<void> {
    const column = <T>(pick: (entry: PendingEntry) => T) => entries.map(pick);
    // Nothing reads its answer: it goes with the COMMIT.
    await deferredSql(
      manager,
      'payments_timeline',
      `INSERT INTO payments.timeline (payment_id, event_id, type, version, source, correlation_id, causation_id, occurred_at, data)
       SELECT payment_id, event_id, type, version, source, correlation_id, causation_id, occurred_at, data
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::timestamptz[], $9::jsonb[])
       WITH ORDINALITY AS t(payment_id, event_id, type, version, source, correlation_id, causation_id, occurred_at, data, position)
       ORDER BY position
       ON CONFLICT (payment_id, event_id) DO NOTHING`,
      [
        column((e) => e.paymentId),
        column((e) => e.event.id),
        column((e) => e.event.type),
        column((e) => e.event.version),
        column((e) => e.event.source),
        column((e) => e.event.correlationId),
        column((e) => e.event.causationId),
        column((e) => e.event.occurredAt),
        column((e) => JSON.stringify(e.event.data)),
      ],
    );
  }

  /** Oldest first, after the cursor (an event id); `limit + 1` rows. */
  async list(paymentId: string, limit: number, startingAfter?: string): Promise<TimelineEntry[]> {
    const { rows } = await sql<{
      event_id: string;
      type: string;
      version: number;
      source: string;
      correlation_id: string | null;
      causation_id: string | null;
      occurred_at: Date;
      data: Record<string, unknown>;
    }>(
      this.unitOfWork.manager,
      `SELECT event_id, type, version, source, correlation_id, causation_id, occurred_at, data FROM payments.timeline
       WHERE payment_id = $1
         AND ($2::uuid IS NULL OR seq > (SELECT seq FROM payments.timeline WHERE payment_id = $1 AND event_id = $2::uuid))
       ORDER BY seq LIMIT $3`,
      [paymentId, startingAfter ?? null, limit + 1],
    );
    return rows.map((row) => ({
      id: row.event_id,
      type: row.type,
      version: row.version,
      source: row.source,
      correlationId: row.correlation_id,
      causationId: row.causation_id,
      occurredAt: row.occurred_at,
      data: row.data,
    }));
  }
}
