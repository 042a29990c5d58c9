import { Module, type DynamicModule } from '@nestjs/common';
import { persistenceUnits } from '../../../src/persistence-units';
import { PlatformModule } from '../../../src/platform/platform.module';
import { EventPublisher } from '../../../src/platform/messaging/event-publisher';
import { UnitOfWork } from '../../../src/platform/database/unit-of-work';
import { MetricsRegistry } from '../../../src/platform/observability/metrics/metrics.registry';
import { startTestApp, type TestApp } from '../test-app';
import { TEST_EFFECTS_TABLE, TestConsumersModule, TestPublisherModule, testTopology } from './test-consumers.module';
import type { TestHappenedV1 } from './test-events';

/**
 * The platform alone with test consumers: the backbone, without any business module. With
 * `hostsConsumers: false`, a process that only publishes, its consumers living elsewhere.
 */
export function messagingRoot({ hostsConsumers = true } = {}): DynamicModule {
  const topology = hostsConsumers ? testTopology : { ...testTopology, hostedModules: [] };
  @Module({
    imports: [
      PlatformModule.forRoot(persistenceUnits, topology),
      hostsConsumers ? TestConsumersModule : TestPublisherModule,
    ],
  })
  class MessagingTestRoot {}
  return { module: MessagingTestRoot };
}

export interface MessagingTestApp extends TestApp {
  /** Publishes a `test.happened` event in its own transaction. */
  publish(subject: string, data: TestHappenedV1): Promise<string>;
  /** Publishes several `test.happened` events in one transaction: they become visible together. */
  publishTogether(events: Array<{ subject: string; data: TestHappenedV1 }>): Promise<string[]>;

  effects(
    consumer?: string,
  ): Promise<Array<{ event_id: string; subject: string; n: number; label: string; consumer: string }>>;
}

export async function startMessagingApp(
  env: Record<string, string | undefined> = {},
  { hostsConsumers = true } = {},
): Promise<MessagingTestApp> {
  const app = await startTestApp(messagingRoot({ hostsConsumers }), env);
  await app.dataSource.query(TEST_EFFECTS_TABLE);
  const unitOfWork = app.get(UnitOfWork);
  const publisher = app.app.select(hostsConsumers ? TestConsumersModule : TestPublisherModule).get(EventPublisher);
  return {
    ...app,
    publish: (subject, data) =>
      unitOfWork.run(async () => (await publisher.publish('test.happened', { version: 1, subject, data })).id),
    publishTogether: (events) =>
      unitOfWork.run(async () => {
        const ids: string[] = [];
        for (const { subject, data } of events)
          ids.push((await publisher.publish('test.happened', { version: 1, subject, data })).id);
        return ids;
      }),

    effects: async (consumer) =>
      app.dataSource.query(
        `SELECT consumer, event_id, subject, n, label FROM test_effects ${consumer ? 'WHERE consumer = $1' : ''} ORDER BY id`,
        consumer ? [consumer] : [],
      ),
  };
}

export interface DeliveryState {
  status: 'pending' | 'in_flight' | 'dead' | 'done' | 'missing';
  attempts: number;
  last_error: string | null;
  id?: string;
}

/**
 * Where one event stands for one consumer: its delivery row while there is one; once handled,
 * the row is gone and the inbox says at which attempt it succeeded.
 */
export async function deliveryState(app: TestApp, eventId: string, consumer: string): Promise<DeliveryState> {
  const [row] = await app.dataSource.query(
    `SELECT d.id, d.status, d.attempts, d.last_error FROM platform.event_deliveries d
     JOIN platform.outbox_events e ON e.seq = d.event_seq WHERE e.id = $1 AND d.consumer = $2`,
    [eventId, consumer],
  );
  if (row) return row as DeliveryState;
  const [handled] = await app.dataSource.query(
    `SELECT attempts FROM platform.inbox WHERE event_id = $1 AND consumer = $2`,
    [eventId, consumer],
  );
  return handled
    ? { status: 'done', attempts: handled.attempts, last_error: null }
    : { status: 'missing', attempts: 0, last_error: null };
}

/**
 * Empties the backbone's tables and the effects, so each test starts from nothing. DELETE, not
 * TRUNCATE: running relays hold row locks that TRUNCATE's table locks could deadlock with. A relay
 * still finishing work an earlier test left (a consumer that publishes) can commit an event and
 * its delivery between two of the DELETEs: the reset then starts again.
 */
export async function resetMessaging(app: TestApp): Promise<void> {
  await app.dataSource.query(TEST_EFFECTS_TABLE);
  for (let attempt = 1; ; attempt++) {
    try {
      await app.dataSource.transaction(async (manager) => {
        for (const table of [
          'platform.inbox',
          'platform.event_deliveries',
          'platform.outbox_events',
          'platform.idempotency_keys',
          'test_effects',
        ]) {
          await manager.query(`DELETE FROM ${table}`);
        }
      });
      return;
    } catch (error) {
      const foreignKey = (error as { driverError?: { code?: string } }).driverError?.code === '23503';
      if (!foreignKey || attempt >= 5) throw error;
    }
  }
}

/** What `messaging_deliveries_total` counted on `app` for `consumer` with `outcome`. */
export async function deliveriesCounted(app: TestApp, consumer: string, outcome: string): Promise<number> {
  const metric = await app.get(MetricsRegistry).getSingleMetric('messaging_deliveries_total')!.get();
  return metric.values
    .filter((v) => v.labels.consumer === consumer && v.labels.outcome === outcome)
    .reduce((sum, v) => sum + v.value, 0);
}
