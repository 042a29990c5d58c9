import type { DataSource } from 'typeorm';
import { CLAIM_SQL } from '../../../src/platform/messaging/relay/delivery-store';

export interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Alias?: string;
  'Subplan Name'?: string;
  /** With EXPLAIN ANALYZE: the rows the node returned, and those its filter read and dropped. */
  'Actual Rows'?: number;
  'Rows Removed by Filter'?: number;
  Plans?: PlanNode[];
}

export const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

/** 20,000 events over 500 subjects, each delivered to `consumer`; an inbox as large, of another consumer. */
export async function seedDeepBacklog(dataSource: DataSource, consumer: string): Promise<void> {
  // Deliveries of these events only: a relay of an earlier suite may still commit one of its own.
  await dataSource.query(
    `WITH events AS (
       INSERT INTO platform.outbox_events (id, type, version, source, subject, data, occurred_at)
       SELECT gen_random_uuid(), 'test.happened', 1, 'test', 'subject-' || (n % 500), jsonb_build_object('n', n), now()
       FROM generate_series(1, 20000) AS n ORDER BY n
       RETURNING seq, id, subject),
     deliveries AS (
       INSERT INTO platform.event_deliveries (id, event_seq, consumer, subject)
       SELECT gen_random_uuid(), seq, $1, subject FROM events ORDER BY seq)
     INSERT INTO platform.inbox (consumer, event_id) SELECT 'test.elsewhere', id FROM events`,
    [consumer],
  );
}

/**
 * The claim's plan for `consumer`, prepared as the relay runs it (preparedSql): PostgreSQL plans it
 * for its values at first, then may keep one generic plan for any values. A plain EXPLAIN with
 * parameters would plan for the values whatever plan_cache_mode says.
 */
export async function claimPlan(
  dataSource: DataSource,
  consumer: string,
  mode: 'force_custom_plan' | 'force_generic_plan',
): Promise<PlanNode[]> {
  const plan = await dataSource.transaction(async (manager) => {
    await manager.query(`SET LOCAL plan_cache_mode = ${mode}`);
    await manager.query(`PREPARE claim_plan_probe AS ${CLAIM_SQL}`);
    const consumers = `ARRAY['${consumer}']`;
    const [row] = await manager.query<Array<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>>(
      `EXPLAIN (FORMAT JSON) EXECUTE claim_plan_probe(${consumers}, 200, 'a lease', 30000, ${consumers}, ${consumers})`,
    );
    await manager.query(`DEALLOCATE claim_plan_probe`);
    return row['QUERY PLAN'][0].Plan;
  });
  return nodesOf(plan);
}

/**
 * The plan runs as index probes per row claimed: no table read whole, no ready delivery sorted (the
 * one sort there is orders the heads a skip scan found), nothing hashed.
 */
export function expectProbesOnly(nodes: readonly PlanNode[]): void {
  expect(nodes.filter((n) => n['Node Type'] === 'Seq Scan').map((n) => n['Relation Name'])).toEqual([]);
  const sortsOfTheWalk = nodes
    .filter((n) => n['Node Type'] === 'Sort')
    .filter((sort) => nodesOf(sort).some((n) => n['Index Name'] === 'event_deliveries_ready'));
  expect(sortsOfTheWalk).toEqual([]);
  expect(nodes.filter((n) => n['Subplan Name']?.startsWith('hashed'))).toEqual([]);
  // The head of each subject's queue, and whether one waits behind it: probes of the subject index.
  const probes = nodes.filter((n) => n.Alias === 'earlier' || n.Alias === 'later');
  expect(probes.map((n) => n['Index Name'])).toEqual([
    'event_deliveries_subject_queue',
    'event_deliveries_subject_queue',
  ]);
}
