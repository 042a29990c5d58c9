import { Injectable } from '@nestjs/common';
import { sql } from '../../../platform/database/sql';
import { UnitOfWork } from '../../../platform/database/unit-of-work';
import type { EventEnvelope } from '../../../platform/messaging/integration-event';

export interface TimelineEntry {
  readonly id: string;
  readonly type: string;
  readonly version: number;
  readonly source: string;
  readonly correlationId: string | null;
  readonly causationId: string | null;
  readonly occurredAt: Date;
  readonly data: Record<string, unknown>;
}

/** Every event about a payment, in the order this module saw them: published by it or delivered to it. */
@Injectable()
export class TimelineRepository {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  async record(paymentId: string, event: EventEnvelope): Promise<void> {
    await sql(
      this.unitOfWork.requireTransaction('Recording a timeline entry'),
      `INSERT INTO payments.timeline (payment_id, event_id, type, version, source, correlation_id, causation_id, occurred_at, data)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (payment_id, event_id) DO NOTHING`,
      [
        paymentId,
        event.id,
        event.type,
        event.version,
        event.source,
        event.correlationId,
        event.causationId,
        event.occurredAt,
        event.data,
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
