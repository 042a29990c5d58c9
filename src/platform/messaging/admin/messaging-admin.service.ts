import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { DataSource } from 'typeorm';
import { sql } from '../../database/sql';
import { ResourceNotFoundError } from '../../errors/domain-error';
import { isId, newId } from '../../ids';
import { toPage, type Page } from '../../http/pagination/page';
import { ConsumerRegistry } from '../consumer-registry';
import { OUTBOX_COMMITTED } from '../messaging.signals';
import type { DeadLetterDto, DeadLetterFilterDto, DeadLetterQueryDto } from './dead-letter.dto';

interface DeadLetterRow {
  id: string;
  consumer: string;
  attempts: number;
  last_error: string | null;
  finished_at: Date;
  event_id: string;
  type: string;
  version: number;
  subject: string;
  occurred_at: Date;
  data: Record<string, unknown>;
}

/** Builds `AND …` conditions for the optional filters, numbering parameters from `first`. */
function filterSql(filter: DeadLetterFilterDto, first: number): { where: string; values: string[] } {
  const clauses: string[] = [];
  const values: string[] = [];
  const add = (column: string, value: string | undefined) => {
    if (value === undefined) return;
    values.push(value);
    clauses.push(`${column} = $${first + values.length - 1}`);
  };
  add('d.consumer', filter.consumer);
  add('e.type', filter.eventType);
  add('d.subject', filter.subject);
  return { where: clauses.map((c) => ` AND ${c}`).join(''), values };
}

/** What operators do with the queue: inspect dead letters, send them again, replay an event. */
@Injectable()
export class MessagingAdminService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: ConsumerRegistry,
    private readonly signals: EventEmitter2,
  ) {}

  async deadLetters(query: DeadLetterQueryDto): Promise<Page<DeadLetterDto>> {
    const { where, values } = filterSql(query, 3);
    const { rows } = await sql<DeadLetterRow>(
      this.dataSource.manager,
      `SELECT d.id, d.consumer, d.attempts, d.last_error, d.finished_at, e.id AS event_id, e.type, e.version,
              d.subject, e.occurred_at, e.data
       FROM platform.event_deliveries d JOIN platform.outbox_events e ON e.seq = d.event_seq
       WHERE d.status = 'dead' AND ($1::uuid IS NULL OR d.id < $1::uuid)${where}
       ORDER BY d.id DESC LIMIT $2`,
      [query.startingAfter ?? null, query.limit + 1, ...values],
    );
    return toPage(rows, query.limit, (row) => ({
      id: row.id,
      consumer: row.consumer,
      eventId: row.event_id,
      eventType: row.type,
      eventVersion: row.version,
      subject: row.subject,
      attempts: row.attempts,
      lastError: row.last_error,
      occurredAt: row.occurred_at.toISOString(),
      deadAt: row.finished_at.toISOString(),
      data: row.data,
    }));
  }

  /** Puts one dead delivery back in the queue with a fresh set of attempts. */
  async retry(id: string): Promise<void> {
    const retried = isId(id) ? await this.requeue(`d.id = $1`, [id]) : 0;
    if (retried === 0) throw new ResourceNotFoundError('MESSAGING.DEAD_LETTER_NOT_FOUND', `No dead delivery ${id}`);
  }

  async retryAll(filter: DeadLetterFilterDto): Promise<number> {
    const { where, values } = filterSql(filter, 1);
    return this.requeue(`TRUE${where}`, values);
  }

  /**
   * Queues an event again for its current consumers (or one of them): a delivery row is created
   * again for each, or a dead one is revived. Consumers that already handled the event find it in
   * their inbox and skip it, so a replay can never apply an effect twice.
   */
  async replay(eventId: string, consumer?: string): Promise<number> {
    const { rows } = isId(eventId)
      ? await sql<{ seq: string; type: string; subject: string }>(
          this.dataSource.manager,
          `SELECT seq, type, subject FROM platform.outbox_events WHERE id = $1`,
          [eventId],
        )
      : { rows: [] };
    const event = rows[0];
    if (!event)
      throw new ResourceNotFoundError('MESSAGING.EVENT_NOT_FOUND', `No event ${eventId} (it may have been pruned)`);
    const consumers = this.registry
      .consumersOf(event.type)
      .filter((name) => consumer === undefined || name === consumer);
    const { affected } = await sql(
      this.dataSource.manager,
      `INSERT INTO platform.event_deliveries (id, event_seq, consumer, subject)
       SELECT d.id, $1, d.consumer, $2 FROM unnest($3::uuid[], $4::text[]) AS d(id, consumer)
       ON CONFLICT (consumer, event_seq) DO UPDATE
         SET status = 'pending', attempts = 0, available_at = clock_timestamp(), locked_by = NULL, finished_at = NULL
         WHERE platform.event_deliveries.status = 'dead'`,
      [event.seq, event.subject, consumers.map(() => newId()), consumers],
    );
    if (affected > 0) this.signals.emit(OUTBOX_COMMITTED);
    return affected;
  }

  private async requeue(condition: string, values: readonly unknown[]): Promise<number> {
    const { affected } = await sql(
      this.dataSource.manager,
      `UPDATE platform.event_deliveries d
       SET status = 'pending', attempts = 0, available_at = clock_timestamp(), finished_at = NULL
       FROM platform.outbox_events e
       WHERE e.seq = d.event_seq AND d.status = 'dead' AND ${condition}`,
      values,
    );
    if (affected > 0) this.signals.emit(OUTBOX_COMMITTED);
    return affected;
  }
}
