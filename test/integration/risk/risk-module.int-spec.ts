import { CommandBus } from '@nestjs/cqrs';
import { Test, type TestingModule } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { businessModules } from '../../../src/modules';
import type { PaymentCreatedV1 } from '../../../src/modules/payments/contracts/payment-events';
import { BlockAccountCommand } from '../../../src/modules/risk/application/commands/block-account/block-account.command';
import { riskModule } from '../../../src/modules/risk/risk.module';
import { platformPersistence } from '../../../src/platform/database/platform.persistence';
import { UnitOfWork } from '../../../src/platform/database/unit-of-work';
import { newId } from '../../../src/platform/ids';
import { eventsOf, persistenceOf } from '../../../src/platform/modules/business-module';
import { PlatformModule } from '../../../src/platform/platform.module';
import { eventually } from '../../support/eventually';
import { freshDatabase } from '../../support/local-services.cjs';
import { publisherOf } from '../../support/messaging/publisher-of';
import { baseTestEnv, setEnv, testDatabaseUrl } from '../../support/test-env';

/**
 * The risk module booted alone with the platform (Test.createTestingModule, no HTTP, no other
 * module), on a database of its own: what it needs of the rest is events, and that is all it gets.
 */
describe('The risk module on its own', () => {
  let moduleRef: TestingModule;
  let restoreEnv: () => void;

  beforeAll(async () => {
    const url = new URL(testDatabaseUrl());
    url.pathname = `${url.pathname}_risk_module`;
    await freshDatabase(url.toString(), url.pathname.slice(1));
    restoreEnv = setEnv({ ...baseTestEnv(), DATABASE_URL: url.toString() });
    moduleRef = await Test.createTestingModule({
      imports: [
        PlatformModule.forRoot(persistenceOf(platformPersistence, [riskModule]), {
          // Every module's events are known (risk consumes payments' and accounts'), only risk's consumers run.
          events: eventsOf(businessModules),
          subscriptions: riskModule.subscriptions,
          hostedModules: [riskModule.name],
        }),
        riskModule.module,
      ],
    }).compile();
    await moduleRef.init();
  });
  afterAll(async () => {
    await moduleRef?.close();
    restoreEnv?.();
  });

  /** Plays the payments module: a payment.created event, committed to the outbox as payments would. */
  const paymentCreated = async (data: Partial<PaymentCreatedV1> = {}): Promise<string> => {
    const paymentId = data.paymentId ?? newId();
    const publisher = publisherOf(moduleRef, 'payments');
    await moduleRef.get(UnitOfWork).run(() =>
      publisher.publish('payment.created', {
        version: 1,
        subject: paymentId,
        data: {
          paymentId,
          sourceAccountId: newId(),
          destinationAccountId: newId(),
          amount: 1_000,
          currency: 'USD',
          description: null,
          createdAt: new Date().toISOString(),
          ...data,
        },
      }),
    );
    return paymentId;
  };

  /** What risk answered about a payment: its risk.assessed event, once the relay has delivered to it. */
  const assessed = (paymentId: string) =>
    eventually(async () => {
      const rows = await moduleRef
        .get(DataSource)
        .query<Array<{ source: string; data: { decision: string; reasons: string[] } }>>(
          `SELECT source, data FROM platform.outbox_events WHERE type = 'risk.assessed' AND subject = $1`,
          [paymentId],
        );
      expect(rows).toHaveLength(1);
      return rows[0];
    });

  it('assesses a payment it hears of and publishes its decision', async () => {
    const answer = await assessed(await paymentCreated());
    expect(answer).toMatchObject({ source: 'risk', data: { decision: 'approve', reasons: [] } });
  });

  it('rejects a payment from an account blocked through its own command', async () => {
    const blocked = newId();
    await moduleRef.get(CommandBus).execute(new BlockAccountCommand(blocked, 'chargebacks'));
    const answer = await assessed(await paymentCreated({ sourceAccountId: blocked }));
    expect(answer.data).toMatchObject({ decision: 'reject', reasons: expect.arrayContaining(['BLOCKLISTED_ACCOUNT']) });
  });

  it('assesses a payment once when its payment.created comes again', async () => {
    const paymentId = await paymentCreated();
    const first = await assessed(paymentId);
    await paymentCreated({ paymentId });
    const db = moduleRef.get(DataSource);
    // Handled once risk's delivery of the repeat is gone; then nothing more may follow.
    await eventually(async () => {
      const [{ open }] = await db.query<Array<{ open: number }>>(
        `SELECT count(*)::int AS open FROM platform.event_deliveries WHERE consumer = 'risk.assess-payment' AND subject = $1`,
        [paymentId],
      );
      expect(open).toBe(0);
    });
    expect(await assessed(paymentId)).toEqual(first);
    const [{ count }] = await db.query<Array<{ count: number }>>(
      `SELECT count(*)::int AS count FROM risk.assessments WHERE payment_id = $1`,
      [paymentId],
    );
    expect(count).toBe(1);
  });
});
