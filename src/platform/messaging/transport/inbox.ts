import type { EntityManager } from 'typeorm';
import { sql } from '../../database/sql';

/**
 * Records, inside a consumer's transaction, which events it has handled (and at which attempt).
 * The primary key (consumer, event_id) is what makes handling effectively once: a redelivered
 * event finds its row and is skipped, and two workers racing on one event serialise on the key.
 * Returns the ids that were new.
 */
export async function recordInInbox(
  manager: EntityManager,
  consumer: string,
  events: ReadonlyArray<{ readonly eventId: string; readonly attempts: number }>,
): Promise<Set<string>> {
  const { rows } = await sql<{ event_id: string }>(
    manager,
    `INSERT INTO platform.inbox (consumer, event_id, attempts)
     SELECT $1, e.event_id, e.attempts FROM unnest($2::uuid[], $3::int[]) AS e(event_id, attempts)
     ON CONFLICT DO NOTHING
     RETURNING event_id`,
    [consumer, events.map((e) => e.eventId), events.map((e) => e.attempts)],
  );
  return new Set(rows.map((row) => row.event_id));
}
