import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { persistenceUnits } from '../../../src/persistence-units';
import { PlatformModule } from '../../../src/platform/platform.module';
import { EventPublisher } from '../../../src/platform/messaging/event-publisher';
import { UnitOfWork } from '../../../src/platform/database/unit-of-work';
import { startTestApp, type TestApp } from '../test-app';
import { TEST_EFFECTS_TABLE, TestConsumersModule, TestPublisherModule } from './test-consumers.module';
import type { TestHappenedV1 } from './test-events';

/** The platform alone with test consumers (or none): the backbone, without any business module. */
export function messagingRoot(features: Type = TestConsumersModule): DynamicModule {
  @Module({ imports: [PlatformModule.forRoot(persistenceUnits), features] })
  class MessagingTestRoot {}
  return { module: MessagingTestRoot };
}

export interface MessagingTestApp extends TestApp {
  /** Publishes `test.happened` events, each in its own transaction. */
  publish(subject: string, data: TestHappenedV1): Promise<string>;
  effects(
    consumer?: string,
  ): Promise<Array<{ event_id: string; subject: string; n: number; label: string; consumer: string }>>;
}

export async function startMessagingApp(
  env: Record<string, string> = {},
  features: Type = TestConsumersModule,
): Promise<MessagingTestApp> {
  const app = await startTestApp(messagingRoot(features), env);
  await app.dataSource.query(TEST_EFFECTS_TABLE);
  const unitOfWork = app.get(UnitOfWork);
  const publisher = (
    features === TestPublisherModule ? app.app.select(TestPublisherModule) : app.app.select(TestConsumersModule)
  ).get(EventPublisher);
  return {
    ...app,
    publish: (subject, data) =>
      unitOfWork.run(async () => (await publisher.publish('test.happened', { version: 1, subject, data })).id),
    effects: async (consumer) =>
      app.dataSource.query(
        `SELECT consumer, event_id, subject, n, label FROM test_effects ${consumer ? 'WHERE consumer = $1' : ''} ORDER BY id`,
        consumer ? [consumer] : [],
      ),
  };
}

/** Empties the backbone's tables and the effects, so each test starts from nothing. */
export async function resetMessaging(app: TestApp): Promise<void> {
  await app.dataSource.query(TEST_EFFECTS_TABLE);
  await app.dataSource.query(
    `TRUNCATE platform.event_deliveries, platform.outbox_events, platform.inbox, platform.idempotency_keys, test_effects`,
  );
}
