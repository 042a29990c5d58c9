import { claimPlan, expectProbesOnly, seedDeepBacklog } from '../../support/messaging/claim-plan';
import { resetMessaging, startMessagingApp, type MessagingTestApp } from '../../support/messaging/messaging-test-app';

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
    await seedDeepBacklog(app.dataSource, CONSUMER);
    await app.dataSource.query(`ANALYZE platform.outbox_events, platform.event_deliveries, platform.inbox`);
  });
  afterAll(async () => {
    await resetMessaging(app);
    await app.dataSource.query(`ANALYZE platform.outbox_events, platform.event_deliveries, platform.inbox`);
    await app.close();
  });

  it.each(['force_custom_plan', 'force_generic_plan'] as const)(
    'walks the ready index in order and probes per row (%s)',
    async (mode) => {
      expectProbesOnly(await claimPlan(app.dataSource, CONSUMER, mode));
    },
  );
});
