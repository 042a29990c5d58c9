import { NoTransactionError, UnitOfWork } from '../../../src/platform/database/unit-of-work';
import { RequestContext } from '../../../src/platform/context/request-context';
import { EventPublisher } from '../../../src/platform/messaging/event-publisher';
import { TestConsumersModule } from '../../support/messaging/test-consumers.module';
import {
  deliveryState,
  resetMessaging,
  startMessagingApp,
  type MessagingTestApp,
} from '../../support/messaging/messaging-test-app';
import { eventually } from '../../support/eventually';

describe('Publishing through the outbox', () => {
  let app: MessagingTestApp;
  let unitOfWork: UnitOfWork;
  let publisher: EventPublisher;

  beforeAll(async () => {
    app = await startMessagingApp();
    unitOfWork = app.get(UnitOfWork);
    publisher = app.app.select(TestConsumersModule).get(EventPublisher);
  });
  beforeEach(() => resetMessaging(app));
  afterAll(() => app.close());

  const count = async (sql: string, params: unknown[] = []) =>
    Number((await app.dataSource.query(sql, params))[0].count);

  it('refuses to publish outside a transaction', async () => {
    await expect(
      publisher.publish('test.happened', { version: 1, subject: 'no-transaction', data: { n: 1, label: 'x' } }),
    ).rejects.toBeInstanceOf(NoTransactionError);
    // Counted by subject: only this test's publish matters, whatever else shares the database.
    expect(await count(`SELECT count(*) FROM platform.outbox_events WHERE subject = 'no-transaction'`)).toBe(0);
  });

  it('leaves no event behind when the transaction rolls back', async () => {
    await expect(
      unitOfWork.run(async () => {
        await publisher.publish('test.happened', { version: 1, subject: 'rolled-back', data: { n: 1, label: 'x' } });
        throw new Error('business failure after publishing');
      }),
    ).rejects.toThrow('business failure');

    expect(await count(`SELECT count(*) FROM platform.outbox_events WHERE subject = 'rolled-back'`)).toBe(0);
    expect(await count(`SELECT count(*) FROM platform.event_deliveries WHERE subject = 'rolled-back'`)).toBe(0);
  });

  it('fans a committed event out to every consumer, each handling it once', async () => {
    const id = await app.publish('subject-1', { n: 1, label: 'fan-out' });

    await eventually(async () => {
      const effects = await app.effects();
      expect(
        effects
          .filter((e) => e.event_id === id)
          .map((e) => e.consumer)
          .sort(),
      ).toEqual(['test.audit', 'test.recorder']);
    });
    expect(await deliveryState(app, id, 'test.audit')).toEqual({ status: 'done', attempts: 1, last_error: null });
    expect(await deliveryState(app, id, 'test.recorder')).toEqual({ status: 'done', attempts: 1, last_error: null });
    // Delivered work leaves the queue; the inbox keeps the fact. (Only this event's deliveries:
    // the recorder's own test.echoed event may still be on its way to test.echo.)
    expect(
      await count(
        `SELECT count(*) FROM platform.event_deliveries d JOIN platform.outbox_events e ON e.seq = d.event_seq
         WHERE e.id = $1`,
        [id],
      ),
    ).toBe(0);

    expect(await count('SELECT count(*) FROM platform.inbox WHERE event_id = $1', [id])).toBe(2);
  });

  it('commits what a consumer publishes with its effect, carrying correlation and causation', async () => {
    const correlationId = 'req-correlation-42';
    const id = await RequestContext.run({ requestId: correlationId, correlationId }, () =>
      app.publish('subject-2', { n: 1, label: 'chain' }),
    );

    const echo = await eventually(async () => {
      const rows = await app.dataSource.query(
        `SELECT * FROM test_effects WHERE consumer = 'test.echo' AND label = $1`,
        [id],
      );
      expect(rows).toHaveLength(1);
      return rows[0];
    });
    expect(echo.correlation_id).toBe(correlationId);
    const [echoed] = await app.dataSource.query(
      `SELECT causation_id, correlation_id, source FROM platform.outbox_events WHERE type = 'test.echoed'`,
    );
    expect(echoed).toEqual({ causation_id: id, correlation_id: correlationId, source: 'tests' });
  });

  it('stores the full envelope', async () => {
    const id = await app.publish('subject-3', { n: 7, label: 'envelope' });
    const [row] = await app.dataSource.query(`SELECT * FROM platform.outbox_events WHERE id = $1`, [id]);
    expect(row).toMatchObject({
      type: 'test.happened',
      version: 1,
      source: 'tests',
      subject: 'subject-3',
      data: { n: 7, label: 'envelope' },
    });
    expect(row.occurred_at).toBeInstanceOf(Date);
  });
});
