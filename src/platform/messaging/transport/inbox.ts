import type { EntityManager } from 'typeorm';
import { sql } from '../../database/sql';

/**
 * Records, inside a consumer's transaction, which events it has handled. The primary key
 * (consumer, event_id) is what makes handling effectively once: a redelivered event finds its
 * row and is skipped, and two workers racing on one event serialise on the key.
 * Returns the ids that were new.
 */
export async function recordInInbox(
  manager: EntityManager,
  consumer: string,
  eventIds: readonly string[],
): Promise<Set<string>> {
  const { rows } = await sql<{ event_id: string }>(
    manager,
    `INSERT INTO platform.inbox (consumer, event_id)
     SELECT $1, unnest($2::uuid[])
     ON CONFLICT DO NOTHING
     RETURNING event_id`,
    [consumer, eventIds],
  );
  return new Set(rows.map((row) => row.event_id));
}
