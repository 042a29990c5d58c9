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
 * parameters would plan for the values whatever plan_cache_mode says. With `analyze`, the claim
 * runs (EXPLAIN ANALYZE: rows read per node); either way it is rolled back.
 */
export async function claimPlan(
  dataSource: DataSource,
  consumer: string,
  mode: 'force_custom_plan' | 'force_generic_plan',
  { limit = 200, analyze = false } = {},
): Promise<PlanNode[]> {
  const runner = dataSource.createQueryRunner();
  await runner.startTransaction();
  let prepared = false;
  try {
    await runner.query(`SET LOCAL plan_cache_mode = ${mode}`);
    await runner.query(`PREPARE claim_plan_probe AS ${CLAIM_SQL}`);
    prepared = true;
    const consumers = `ARRAY['${consumer}']`;
    const [row] = (await runner.query(
      `EXPLAIN (${analyze ? 'ANALYZE, ' : ''}FORMAT JSON)
       EXECUTE claim_plan_probe(${consumers}, ${limit}, 'a lease', 30000, ${consumers}, ${consumers})`,
    )) as Array<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>;
    return nodesOf(row['QUERY PLAN'][0].Plan);
  } finally {
    await runner.rollbackTransaction();
    // A prepared statement outlives the rollback; the app's own ones on this connection stay.
    if (prepared) await runner.query(`DEALLOCATE claim_plan_probe`);
    await runner.release();
  }
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
