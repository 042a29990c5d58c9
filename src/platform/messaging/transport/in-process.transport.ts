import { Injectable, Logger } from '@nestjs/common';
import { DatabaseConnection } from '../../database/database-connection';
import { UnitOfWork } from '../../database/unit-of-work';
import { RequestContext, type TransactionScope } from '../../context/request-context';
import { DomainError } from '../../errors/domain-error';
import { ConsumerRegistry, type Consumer } from '../consumer-registry';
import { PermanentError } from '../permanent-error';
import type { ClaimedDelivery, DeliveryOutcome } from '../relay/claimed-delivery';
import { DeliveryStore } from '../relay/delivery-store';
import type { MessageTransport } from './message-transport';

const MAX_ERROR_LENGTH = 2000;
/** Transactions one batch may run at once when its events are handled one by one. */
const PER_EVENT_CONCURRENCY = 8;

/** Runs `task` over `items` with at most `limit` running at once; results keep the input order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

/** Counts free places; `acquire` waits for one. */
class Semaphore {
  private readonly waiting: Array<() => void> = [];

  constructor(private free: number) {}

  async acquire(): Promise<() => void> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    return () => {
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    };
  }
}

/**
 * Runs consumers in this process. A batch of one consumer's deliveries is first handled in ONE
 * transaction: the handlers' writes and events, then one statement that records the batch in the
 * inbox and deletes its deliveries. That is where the throughput comes from. If anything in it
 * fails, it rolls back and each event runs again in a transaction of its own, so one bad event
 * fails alone and the rest commit.
 *
 * Consumers declared `batched: false` always run one event per transaction: they lock rows that
 * are not their subject (a transfer's two balances), and in one long transaction two batches could
 * each hold what the other waits for.
 */
@Injectable()
export class InProcessTransport implements MessageTransport {
  private readonly logger = new Logger('InProcessTransport');
  // Consumer transactions take at most half the pool, so HTTP requests always find a connection
  // and no transaction waits long enough for the pool to give up on it.
  private readonly transactions: Semaphore;

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly registry: ConsumerRegistry,
    private readonly store: DeliveryStore,
    connection: DatabaseConnection,
  ) {
    this.transactions = new Semaphore(Math.max(1, Math.floor(connection.poolSize / 2)));
  }

  async deliver(
    consumerName: string,
    deliveries: readonly ClaimedDelivery[],
    worker: string,
    signal?: AbortSignal,
  ): Promise<DeliveryOutcome[]> {
    const consumer = this.registry.get(consumerName);
    if (!consumer) {
      return deliveries.map((d) =>
        this.failed(d.id, new PermanentError(`No consumer "${consumerName}" in this process`)),
      );
    }
    if (consumer.batched && deliveries.length > 1) {
      try {
        // In one global order (the subject, or the consumer's order key), so that batches take their locks alike.
        const ordered = [...deliveries].sort((a, b) =>
          consumer.orderKey(a.event) < consumer.orderKey(b.event) ? -1 : 1,
        );
        const ran = await this.run(consumer, ordered, worker, signal);
        return deliveries.map((d) => ({ id: d.id, status: ran ? 'done' : 'released' }));
      } catch {
        // Which event failed, or whether it was only a lock conflict, is found out one by one.
      }
    }
    return mapLimit(deliveries, PER_EVENT_CONCURRENCY, async (delivery): Promise<DeliveryOutcome> => {
      try {
        const ran = await this.run(consumer, [delivery], worker, signal);
        return { id: delivery.id, status: ran ? 'done' : 'released' };
      } catch (error) {
        return this.failed(delivery.id, error);
      }
    });
  }

  /**
   * Handles `deliveries` in one transaction, which also finishes them; throws if any handler does.
   * Returns false, having done nothing, when the relay stopped while the batch waited for its turn.
   */
  private async run(
    consumer: Consumer,
    deliveries: readonly ClaimedDelivery[],
    worker: string,
    signal?: AbortSignal,
  ): Promise<boolean> {
    const release = await this.transactions.acquire();
    try {
      if (signal?.aborted) return false;
      // A transaction of its own, whatever context the relay runs in.
      await RequestContext.isolated({}, () =>
        this.unitOfWork.run(async (manager) => {
          const transaction = RequestContext.current().transaction!;
          for (const delivery of deliveries) {
            if (!delivery.handledBefore) await this.invoke(consumer, delivery, transaction);
          }
          await this.store.finish(manager, consumer.name, deliveries, worker);
        }),
      );
    } finally {
      release();
    }
    return true;
  }

  /** Runs one handler in the batch's transaction, caused by (and correlated with) its event. */
  private async invoke(consumer: Consumer, delivery: ClaimedDelivery, transaction: TransactionScope): Promise<void> {
    const handler = consumer.handlerFor(delivery.event.type);
    if (!handler) throw new PermanentError(`Consumer "${consumer.name}" does not handle "${delivery.event.type}"`);
    const context = {
      correlationId: delivery.event.correlationId ?? delivery.event.id,
      causationId: delivery.event.id,
      transaction,
    };
    await RequestContext.isolated(context, () => handler(delivery.event));
  }

  private failed(id: string, error: unknown): DeliveryOutcome {
    // A domain error is a business refusal: the same event will be refused the same way next time.
    const permanent = error instanceof PermanentError || error instanceof DomainError;
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    if (!permanent) this.logger.warn(`Delivery ${id} failed: ${message}`);
    return { id, status: 'failed', permanent, error: message.slice(0, MAX_ERROR_LENGTH) };
  }
}
