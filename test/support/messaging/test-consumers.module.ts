import { Injectable, Module } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { UnitOfWork } from '../../../src/platform/database/unit-of-work';
import { EventPublisher } from '../../../src/platform/messaging/event-publisher';
import type { IntegrationEvent } from '../../../src/platform/messaging/integration-event';
import { MessagingModule } from '../../../src/platform/messaging/messaging.module';
import { OnIntegrationEvent } from '../../../src/platform/messaging/on-integration-event.decorator';
import { defineSubscriptions, type MessagingTopology } from '../../../src/platform/messaging/subscriptions';
import { PermanentError } from '../../../src/platform/messaging/permanent-error';
import { EventCatalogue } from '../../../src/platform/messaging/event-catalogue';
import { foreignEvents, testEvents } from './test-events';

/** Test-controlled behaviour of the consumers below, keyed by the event's `label`. */
@Injectable()
export class ConsumerBehaviour {
  /** label → how many more times the `recorder` consumer fails before succeeding ('always' never succeeds). */
  readonly failures = new Map<string, number | 'always' | 'permanent'>();
  /** Labels for which the handler does not return until `releaseHangs()` (a stuck worker). */
  readonly hangs = new Set<string>();
  private release = () => {};
  private released = new Promise<void>((resolve) => (this.release = resolve));
  /** Milliseconds the recorder waits before writing, to shuffle timing across workers. */
  jitterMs = 0;

  async hangIfPlanned(label: string): Promise<void> {
    if (this.hangs.has(label)) await this.released;
  }

  releaseHangs(): void {
    this.hangs.clear();
    this.release();
    this.released = new Promise<void>((resolve) => (this.release = resolve));
  }

  /** Throws if the plan for this label says the attempt must fail. */
  consume(label: string): void {
    const plan = this.failures.get(label);
    if (plan === 'permanent') throw new PermanentError(`permanent failure for ${label}`);
    if (plan === 'always') throw new Error(`planned failure for ${label}`);
    if (typeof plan === 'number' && plan > 0) {
      this.failures.set(label, plan - 1);
      throw new Error(`planned failure for ${label} (${plan - 1} left)`);
    }
  }
}

/** Every effect of a consumer is a row in test_effects, written in the consumer's transaction. */
async function recordEffect(
  manager: EntityManager,
  consumer: string,
  event: IntegrationEvent<'test.happened'>,
): Promise<void> {
  await manager.query(
    `INSERT INTO test_effects (consumer, event_id, subject, n, label, correlation_id, causation_id) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [consumer, event.id, event.subject, event.data.n, event.data.label, event.correlationId, event.causationId],
  );
}

@Injectable()
export class RecorderConsumer {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly behaviour: ConsumerBehaviour,
    private readonly events: EventPublisher,
  ) {}

  @OnIntegrationEvent('test.happened', { consumer: 'test.recorder' })
  async record(event: IntegrationEvent<'test.happened'>): Promise<void> {
    await this.behaviour.hangIfPlanned(event.data.label);
    if (this.behaviour.jitterMs > 0) await new Promise((r) => setTimeout(r, Math.random() * this.behaviour.jitterMs));
    await recordEffect(this.unitOfWork.manager, 'test.recorder', event);
    // A consumer's own events commit with its effect.
    await this.events.publish('test.echoed', { version: 1, subject: event.subject, data: { originalId: event.id } });
    this.behaviour.consume(event.data.label);
  }
}

@Injectable()
export class AuditConsumer {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  @OnIntegrationEvent('test.happened', { consumer: 'test.audit' })
  async audit(event: IntegrationEvent<'test.happened'>): Promise<void> {
    await recordEffect(this.unitOfWork.manager, 'test.audit', event);
  }
}

@Injectable()
export class EchoConsumer {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  @OnIntegrationEvent('test.echoed', { consumer: 'test.echo' })
  async echo(event: IntegrationEvent<'test.echoed'>): Promise<void> {
    await this.unitOfWork.manager.query(
      `INSERT INTO test_effects (consumer, event_id, subject, n, label, correlation_id, causation_id) VALUES ('test.echo', $1, $2, 0, $3, $4, $5)`,
      [event.id, event.subject, event.data.originalId, event.correlationId, event.causationId],
    );
  }
}

/** The test consumers' subscription manifest, which their handlers must match. */
export const testTopology: MessagingTopology = {
  events: EventCatalogue.of([testEvents, foreignEvents]),
  subscriptions: defineSubscriptions({
    'test.recorder': ['test.happened'],
    'test.audit': ['test.happened'],
    'test.echo': ['test.echoed'],
  }),
  hostedModules: ['test'],
};

@Module({
  imports: [MessagingModule.forFeature('tests')],
  providers: [ConsumerBehaviour, RecorderConsumer, AuditConsumer, EchoConsumer],
  exports: [ConsumerBehaviour],
})
export class TestConsumersModule {}

/** A publisher of the test events that hosts none of their consumers: a process they live outside of. */
@Module({
  imports: [MessagingModule.forFeature('tests')],
  exports: [MessagingModule],
})
export class TestPublisherModule {}

export const TEST_EFFECTS_TABLE = `
  CREATE TABLE IF NOT EXISTS test_effects (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    consumer       text NOT NULL,
    event_id       uuid NOT NULL,
    subject        text NOT NULL,
    n              integer NOT NULL,
    label          text NOT NULL,
    correlation_id text,
    causation_id   text,
    handled_at     timestamptz NOT NULL DEFAULT clock_timestamp()
  )`;
