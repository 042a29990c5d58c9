import { DeliveryStore } from '../../../src/platform/messaging/relay/delivery-store';
import { claimPlan } from '../../support/messaging/claim-plan';
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
    // Oldest first (n is the position): one event of "early", 2,000 of "deep" (its head in flight),
    // 30 of "waiting" (its head due in an hour, as a retry is), then one each of "late-0" to
    // "late-9", and a second of "late-9".
    const subjects = [
      'early',
      ...Array<string>(2000).fill('deep'),
      ...Array<string>(30).fill('waiting'),
      ...Array.from({ length: 10 }, (_, i) => `late-${i}`),
      'late-9',
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
    const plan = await claimPlan(app.dataSource, CONSUMER, 'force_custom_plan', { limit: 5, analyze: true });
    const walk = plan.find((n) => n.Alias === 'd' && n['Index Name'] === 'event_deliveries_ready');
    expect(walk).toBeDefined();
    expect(walk!['Actual Rows']! + (walk!['Rows Removed by Filter'] ?? 0)).toBeLessThanOrEqual(20);
  });

  it("claims the other subjects' heads oldest first, up to the batch, and nothing behind a head", async () => {
    const claim = async (limit: number) =>
      (await app.get(DeliveryStore).claim([CONSUMER], limit, 'a lease', 30_000))
        .map((d) => `${d.event.subject}#${String(d.event.data.n)}`)
        .sort();
    // The walk finds "early"; the subject by subject search fills the rest of the batch, no more.
    expect(await claim(5)).toEqual(['early#1', 'late-0#2032', 'late-1#2033', 'late-2#2034', 'late-3#2035']);
    expect(await claim(10)).toEqual([
      'late-4#2036',
      'late-5#2037',
      'late-6#2038',
      'late-7#2039',
      'late-8#2040',
      'late-9#2041',
    ]);
  });
});
