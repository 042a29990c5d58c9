import { CLAIM_SQL, DeliveryStore } from '../../../src/platform/messaging/relay/delivery-store';
import { nodesOf, type PlanNode } from '../../support/messaging/claim-plan';
import { resetMessaging, startMessagingApp, type MessagingTestApp } from '../../support/messaging/messaging-test-app';

// A consumer no test module hosts: the relay never claims these rows but the test does.
const CONSUMER = 'test.heads-probe';
const ANALYZE = `ANALYZE platform.outbox_events, platform.event_deliveries, platform.inbox`;

/**
 * Only the head of a subject's queue may be claimed. Behind a subject whose head is in flight (or
 * waiting for its retry), the claim must still find the other subjects' heads, and without reading
 * that subject's whole queue to get there.
 */
describe('The claim, behind a deep subject whose head is taken', () => {
  let app: MessagingTestApp;

  beforeAll(async () => {
    app = await startMessagingApp();
    await resetMessaging(app);
    // Oldest first: 2,000 events of "deep" (its head in flight), 30 of "waiting" (its head due in
    // an hour, as a retry is), then one of "free" and two of "also-free".
    const subjects = [
      ...Array<string>(2000).fill('deep'),
      ...Array<string>(30).fill('waiting'),
      'free',
      'also-free',
      'also-free',
    ];
    // Deliveries of these events only: a relay of an earlier suite may still commit one of its own.
    await app.dataSource.query(
      `WITH events AS (
         INSERT INTO platform.outbox_events (id, type, version, source, subject, data, occurred_at)
         SELECT gen_random_uuid(), 'test.happened', 1, 'test', s.subject, jsonb_build_object('n', s.n), now()
         FROM unnest($1::text[]) WITH ORDINALITY AS s(subject, n) ORDER BY s.n
         RETURNING seq, subject)
       INSERT INTO platform.event_deliveries (id, event_seq, consumer, subject, available_at)
       SELECT gen_random_uuid(), seq, $2, subject, clock_timestamp() - interval '1 hour' + seq * interval '1 millisecond'
       FROM events ORDER BY seq`,
      [subjects, CONSUMER],
    );
    await app.dataSource.query(
      `UPDATE platform.event_deliveries d
       SET status = CASE d.subject WHEN 'deep' THEN 'in_flight' ELSE 'pending' END,
           available_at = clock_timestamp() + interval '1 hour'
       WHERE d.event_seq IN (
         SELECT min(event_seq) FROM platform.event_deliveries
         WHERE consumer = $1 AND subject IN ('deep', 'waiting') GROUP BY subject)`,
      [CONSUMER],
    );
    // With statistics, as autovacuum gathers them: planned for a table it believes empty (an earlier
    // suite's), the claim may read it all, as any plan may on a small table.
    await app.dataSource.query(ANALYZE);
  });
  afterAll(async () => {
    await resetMessaging(app);
    await app.dataSource.query(ANALYZE);
    await app.close();
  });

  it('reads at most four times the batch of ready deliveries before it looks subject by subject', async () => {
    // Run for real (EXPLAIN ANALYZE), then rolled back: the next test claims the same deliveries.
    const runner = app.dataSource.createQueryRunner();
    await runner.startTransaction();
    const [row] = (await runner.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${CLAIM_SQL}`, [
      [CONSUMER],
      5,
      'a lease',
      30000,
      [CONSUMER],
      [CONSUMER],
    ])) as Array<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>;
    await runner.rollbackTransaction();
    await runner.release();
    const walk = nodesOf(row['QUERY PLAN'][0].Plan).find(
      (n) => n.Alias === 'd' && n['Index Name'] === 'event_deliveries_ready',
    );
    expect(walk).toBeDefined();
    expect(walk!['Actual Rows']! + (walk!['Rows Removed by Filter'] ?? 0)).toBeLessThanOrEqual(20);
  });

  it("claims the other subjects' heads, and nothing of the subjects whose heads are taken", async () => {
    const claimed = await app.get(DeliveryStore).claim([CONSUMER], 5, 'a lease', 30_000);
    expect(claimed.map((d) => `${d.event.subject}#${String(d.event.data.n)}`).sort()).toEqual([
      'also-free#2032',
      'free#2031',
    ]);
  });
});
