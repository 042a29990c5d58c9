import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { RequestContext, type TransactionScope } from '../../context/request-context';
import { DomainError } from '../../errors/domain-error';
import { ConsumerRegistry, type Consumer } from '../consumer-registry';
import { PermanentError } from '../permanent-error';
import type { ClaimedDelivery, DeliveryOutcome } from '../relay/claimed-delivery';
import { DeliveryStore } from '../relay/delivery-store';
import type { MessageTransport } from './message-transport';
import { recordInInbox } from './inbox';

const MAX_ERROR_LENGTH = 2000;

class HandlerFailure extends Error {
  constructor(
    readonly deliveryId: string,
    readonly failure: unknown,
  ) {
    super('handler failed');
  }
}

/**
 * Runs consumers in this process. A batch of one consumer's deliveries is handled in ONE
 * transaction (inbox rows, the handlers' writes and events, and the "done" marks), which is where
 * the throughput comes from. If any handler fails, that transaction is rolled back and the batch
 * is run again with a savepoint per event, so one bad event fails alone and the rest commit.
 */
@Injectable()
export class InProcessTransport implements MessageTransport {
  private readonly logger = new Logger('InProcessTransport');

  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: ConsumerRegistry,
    private readonly store: DeliveryStore,
  ) {}

  async deliver(
    consumerName: string,
    deliveries: readonly ClaimedDelivery[],
    worker: string,
  ): Promise<DeliveryOutcome[]> {
    const consumer = this.registry.get(consumerName);
    if (!consumer) {
      return deliveries.map((d) =>
        this.failed(d.id, new PermanentError(`No consumer "${consumerName}" in this process`)),
      );
    }
    try {
      await this.runTogether(consumer, deliveries, worker);
      return deliveries.map((d) => ({ id: d.id, status: 'done' as const }));
    } catch (error) {
      if (deliveries.length === 1) {
        return [this.failed(deliveries[0].id, error instanceof HandlerFailure ? error.failure : error)];
      }
      return this.runIsolated(consumer, deliveries, worker);
    }
  }

  private async runTogether(consumer: Consumer, deliveries: readonly ClaimedDelivery[], worker: string): Promise<void> {
    const hooks: Array<() => void> = [];
    await this.dataSource.transaction(async (manager) => {
      const fresh = await recordInInbox(
        manager,
        consumer.name,
        deliveries.map((d) => d.event.id),
      );
      for (const delivery of deliveries) {
        if (!fresh.has(delivery.event.id)) continue;
        try {
          hooks.push(...(await this.invoke(consumer, delivery, manager)));
        } catch (error) {
          throw new HandlerFailure(delivery.id, error);
        }
      }
      await this.store.markDone(
        manager,
        deliveries.map((d) => d.id),
        worker,
      );
    });
    hooks.forEach((hook) => hook());
  }

  private async runIsolated(
    consumer: Consumer,
    deliveries: readonly ClaimedDelivery[],
    worker: string,
  ): Promise<DeliveryOutcome[]> {
    const outcomes: DeliveryOutcome[] = [];
    const hooks: Array<() => void> = [];
    await this.dataSource.transaction(async (manager) => {
      const done: string[] = [];
      for (const delivery of deliveries) {
        await manager.query('SAVEPOINT delivery');
        try {
          const fresh = await recordInInbox(manager, consumer.name, [delivery.event.id]);
          const deliveryHooks = fresh.size > 0 ? await this.invoke(consumer, delivery, manager) : [];
          await manager.query('RELEASE SAVEPOINT delivery');
          hooks.push(...deliveryHooks);
          done.push(delivery.id);
          outcomes.push({ id: delivery.id, status: 'done' });
        } catch (error) {
          await manager.query('ROLLBACK TO SAVEPOINT delivery');
          outcomes.push(this.failed(delivery.id, error));
        }
      }
      await this.store.markDone(manager, done, worker);
    });
    hooks.forEach((hook) => hook());
    return outcomes;
  }

  /** Runs one handler in the batch's transaction; returns the after-commit hooks it registered. */
  private async invoke(
    consumer: Consumer,
    delivery: ClaimedDelivery,
    manager: EntityManager,
  ): Promise<Array<() => void>> {
    const handler = consumer.handlerFor(delivery.event.type);
    if (!handler) throw new PermanentError(`Consumer "${consumer.name}" does not handle "${delivery.event.type}"`);
    const transaction: TransactionScope = { manager, afterCommit: [] };
    const context = {
      correlationId: delivery.event.correlationId ?? delivery.event.id,
      causationId: delivery.event.id,
      transaction,
    };
    await RequestContext.isolated(context, () => handler(delivery.event));
    return transaction.afterCommit;
  }

  private failed(id: string, error: unknown): DeliveryOutcome {
    // A domain error is a business refusal: the same event will be refused the same way next time.
    const permanent = error instanceof PermanentError || error instanceof DomainError;
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    if (!permanent) this.logger.warn(`Delivery ${id} failed: ${message}`);
    return { id, status: 'failed', permanent, error: message.slice(0, MAX_ERROR_LENGTH) };
  }
}
