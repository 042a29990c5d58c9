/** What a client narrows the events to, in the list and in the stream. */
export interface EventFilter {
  /** An exact type (`payment.succeeded`) or a prefix wildcard (`payment.*`). */
  readonly type?: string;
  readonly subject?: string;
  readonly createdFrom?: Date;
  readonly createdTo?: Date;
  /** Set for an owner-bound key: only events about that owner's subjects. */
  readonly ownerId: string | null;
}

/** `payment.succeeded`, `payment.*`, `transfer.hold_requested`: lower case words and dots, an optional final `.*`. */
export const EVENT_TYPE_FILTER = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*(\.\*)?$/;

/** Whether an event of `type` passes a `type` filter, as the SQL (`eventFilterSql`) decides it. */
export function typeMatches(filter: string | undefined, type: string): boolean {
  if (!filter) return true;
  return filter.endsWith('.*') ? type.startsWith(filter.slice(0, -1)) : type === filter;
}

/**
 * The filter as SQL conditions on `platform.outbox_events e`, with parameters numbered from
 * `first`. A wildcard becomes a LIKE prefix, its `_` escaped (event types use it).
 */
export function eventFilterSql(filter: EventFilter, first: number): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (condition: (placeholder: string) => string, value: unknown) => {
    params.push(value);
    where.push(condition(`$${first + params.length - 1}`));
  };
  if (filter.type?.endsWith('.*')) {
    add((p) => `e.type LIKE ${p}`, `${filter.type.slice(0, -1).replace(/_/g, '\\_')}%`);
  } else if (filter.type) add((p) => `e.type = ${p}`, filter.type);
  if (filter.subject) add((p) => `e.subject = ${p}`, filter.subject);
  if (filter.createdFrom) add((p) => `e.occurred_at >= ${p}`, filter.createdFrom);
  if (filter.createdTo) add((p) => `e.occurred_at < ${p}`, filter.createdTo);
  if (filter.ownerId !== null)
    add(
      (p) => `EXISTS (SELECT 1 FROM platform.subject_owners o WHERE o.subject = e.subject AND o.owner_id = ${p})`,
      filter.ownerId,
    );
  return { where, params };
}
