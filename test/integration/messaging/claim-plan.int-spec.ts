import { CLAIM_SQL } from '../../../src/platform/messaging/relay/delivery-store';
import { resetMessaging, startMessagingApp, type MessagingTestApp } from '../../support/messaging/messaging-test-app';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Alias?: string;
  'Subplan Name'?: string;
  Plans?: PlanNode[];
}

const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

// A consumer no test module hosts: the relay never claims these rows while the plan is read.
const CONSUMER = 'test.plan-probe';

/**
 * The claim's plan on a deep backlog with fresh statistics, as on any database autovacuum has
 * seen. The plans PostgreSQL chose there, each reading a whole table for every claim, are ruled
 * out: sorting every ready delivery to take the oldest (it guessed the head-of-subject test keeps
 * fewer rows than the batch), hashing the whole inbox to tell which events were handled before,
 * and hashing the queue against the claimed ids.
 */
describe('The claim, planned on a deep backlog with statistics', () => {
  let app: MessagingTestApp;

  beforeAll(async () => {
    app = await startMessagingApp();
    await resetMessaging(app);
    // 20,000 events over 500 subjects, each delivered to the probe consumer; an inbox as large.
    await app.dataSource.query(`
      INSERT INTO platform.outbox_events (id, type, version, source, subject, data, occurred_at)
      SELECT gen_random_uuid(), 'test.happened', 1, 'test', 'subject-' || (n % 500), jsonb_build_object('n', n), now()
      FROM generate_series(1, 20000) AS n ORDER BY n`);
    await app.dataSource.query(
      `INSERT INTO platform.event_deliveries (id, event_seq, consumer, subject)
       SELECT gen_random_uuid(), seq, $1, subject FROM platform.outbox_events ORDER BY seq`,
      [CONSUMER],
    );
    await app.dataSource.query(
      `INSERT INTO platform.inbox (consumer, event_id) SELECT 'test.elsewhere', id FROM platform.outbox_events`,
    );
    await app.dataSource.query(`ANALYZE platform.outbox_events, platform.event_deliveries, platform.inbox`);
  });
  afterAll(async () => {
    await resetMessaging(app);
    await app.dataSource.query(`ANALYZE platform.outbox_events, platform.event_deliveries, platform.inbox`);
    await app.close();
  });

  // Prepared, as the relay runs it (preparedSql): PostgreSQL plans it for its values at first, then
  // may keep one generic plan for any values. A plain EXPLAIN with parameters would plan for the
  // values in both cases, whatever plan_cache_mode says.
  it.each(['force_custom_plan', 'force_generic_plan'])(
    'walks the ready index in order and probes per row (%s)',
    async (mode) => {
      const plan = await app.dataSource.transaction(async (manager) => {
        await manager.query(`SET LOCAL plan_cache_mode = ${mode}`);
        await manager.query(`PREPARE claim_plan_probe AS ${CLAIM_SQL}`);
        const consumers = `ARRAY['${CONSUMER}']`;
        const [row] = await manager.query<Array<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>>(
          `EXPLAIN (FORMAT JSON) EXECUTE claim_plan_probe(${consumers}, 200, 'a lease', 30000, ${consumers}, ${consumers})`,
        );
        await manager.query(`DEALLOCATE claim_plan_probe`);
        return row['QUERY PLAN'][0].Plan;
      });
      const nodes = nodesOf(plan);

      const seqScans = nodes.filter((n) => n['Node Type'] === 'Seq Scan').map((n) => n['Relation Name']);
      expect(seqScans).toEqual([]);
      expect(nodes.filter((n) => n['Node Type'] === 'Sort')).toEqual([]);
      expect(nodes.filter((n) => n['Subplan Name']?.startsWith('hashed'))).toEqual([]);
      // The head of each subject's queue, and whether one waits behind it: probes of the subject index.
      const probes = nodes.filter((n) => n.Alias === 'earlier' || n.Alias === 'later');
      expect(probes.map((n) => n['Index Name'])).toEqual([
        'event_deliveries_subject_queue',
        'event_deliveries_subject_queue',
      ]);
    },
  );
});
