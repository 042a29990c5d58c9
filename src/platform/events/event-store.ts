import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sql } from '../database/sql';
import { isId } from '../ids';
import type { EventData, EventEnvelope } from '../messaging/integration-event';
import { eventFilterSql, type EventFilter } from './event-filter';

interface EventRow {
  seq: string;
  id: string;
  type: string;
  version: number;
  source: string;
  subject: string;
  correlation_id: string | null;
  causation_id: string | null;
  data: EventData;
  occurred_at: Date;
  owners?: string[];
}

/** An event with its place in the outbox (`seq`, commit order for a subject) and, for the stream, its owners. */
export interface StoredEvent {
  readonly seq: bigint;
  readonly envelope: EventEnvelope;
  readonly owners: readonly string[];
}

const COLUMNS = `e.seq, e.id, e.type, e.version, e.source, e.subject, e.correlation_id, e.causation_id, e.data, e.occurred_at`;

/** Reads the retained integration events (the outbox) for the events API and the stream. */
@Injectable()
export class EventStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Newest first; `startingAfter` is an event id (an unknown or pruned one ends the list). */
  async list(filter: EventFilter, limit: number, startingAfter?: string): Promise<EventEnvelope[]> {
    const { where, params } = eventFilterSql(filter, 3);
    const cursor = `($2::uuid IS NULL OR e.seq < (SELECT c.seq FROM platform.outbox_events c WHERE c.id = $2))`;
    const { rows } = await sql<EventRow>(
      this.dataSource.manager,
      `SELECT ${COLUMNS} FROM platform.outbox_events e
       WHERE ${[cursor, ...where].join(' AND ')}
       ORDER BY e.seq DESC LIMIT $1`,
      [limit + 1, startingAfter ?? null, ...params],
    );
    return rows.map(toEnvelope);
  }

  async get(id: string, ownerId: string | null): Promise<EventEnvelope | undefined> {
    if (!isId(id)) return undefined;
    const { where, params } = eventFilterSql({ ownerId }, 2);
    const { rows } = await sql<EventRow>(
      this.dataSource.manager,
      `SELECT ${COLUMNS} FROM platform.outbox_events e WHERE ${['e.id = $1', ...where].join(' AND ')}`,
      [id, ...params],
    );
    return rows.length > 0 ? toEnvelope(rows[0]) : undefined;
  }

  /** The seq of an event still retained, or undefined. */
  async seqOf(id: string): Promise<bigint | undefined> {
    if (!isId(id)) return undefined;
    const { rows } = await sql<{ seq: string }>(
      this.dataSource.manager,
      `SELECT seq FROM platform.outbox_events WHERE id = $1`,
      [id],
    );
    return rows.length > 0 ? BigInt(rows[0].seq) : undefined;
  }

  /** The seq just before the first retained event with an id above `id` (v7 ids follow time). */
  async seqBefore(id: string): Promise<bigint> {
    const { rows } = await sql<{ seq: string }>(
      this.dataSource.manager,
      `SELECT seq FROM platform.outbox_events WHERE id > $1 ORDER BY id LIMIT 1`,
      [id],
    );
    return rows.length > 0 ? BigInt(rows[0].seq) - 1n : await this.lastSeq();
  }

  async lastSeq(): Promise<bigint> {
    const { rows } = await sql<{ seq: string | null }>(
      this.dataSource.manager,
      `SELECT max(seq) AS seq FROM platform.outbox_events`,
    );
    return BigInt(rows[0].seq ?? 0);
  }

  /**
   * Events after `afterSeq` (oldest first), at most `limit`, or only those of `seqs` when given
   * (late commits the stream is waiting for), each with its subject's owners.
   */
  async after(afterSeq: bigint, limit: number, filter?: EventFilter, upTo?: bigint): Promise<StoredEvent[]> {
    const { where, params } = filter ? eventFilterSql(filter, 4) : { where: [], params: [] };
    const { rows } = await sql<EventRow>(
      this.dataSource.manager,
      `SELECT ${COLUMNS},
         ARRAY(SELECT o.owner_id FROM platform.subject_owners o WHERE o.subject = e.subject) AS owners
       FROM platform.outbox_events e
       WHERE ${['e.seq > $1', '($3::bigint IS NULL OR e.seq <= $3)', ...where].join(' AND ')}
       ORDER BY e.seq LIMIT $2`,
      [afterSeq.toString(), limit, upTo?.toString() ?? null, ...params],
    );
    return rows.map(toStored);
  }

  /** The events among `seqs` that are now visible (committed late, after later ones). */
  async bySeq(seqs: readonly bigint[]): Promise<StoredEvent[]> {
    if (seqs.length === 0) return [];
    const { rows } = await sql<EventRow>(
      this.dataSource.manager,
      `SELECT ${COLUMNS},
         ARRAY(SELECT o.owner_id FROM platform.subject_owners o WHERE o.subject = e.subject) AS owners
       FROM platform.outbox_events e WHERE e.seq = ANY($1::bigint[]) ORDER BY e.seq`,
      [seqs.map(String)],
    );
    return rows.map(toStored);
  }
}

function toStored(row: EventRow): StoredEvent {
  return { seq: BigInt(row.seq), envelope: toEnvelope(row), owners: row.owners ?? [] };
}

function toEnvelope(row: EventRow): EventEnvelope {
  return {
    id: row.id,
    type: row.type,
    version: row.version,
    occurredAt: new Date(row.occurred_at).toISOString(),
    source: row.source,
    subject: row.subject,
    correlationId: row.correlation_id,
    causationId: row.causation_id,
    data: row.data,
  };
}
