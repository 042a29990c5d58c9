import { Injectable } from '@nestjs/common';
import { ConsumerRegistry } from '../consumer-registry';
import { ConsumerRunner } from '../consumer/consumer-runner';
import type { ClaimedDelivery, DeliveryOutcome } from '../relay/claimed-delivery';
import { DeliveryStore } from '../relay/delivery-store';
import type { MessageTransport } from './message-transport';

/**
 * Hands claimed deliveries straight to this process's consumer runner: every delivery with the
 * in-process transport, and the parked ones with a broker. The batch's transaction
 * records its events in the inbox and deletes their deliveries, so "handled" and "delivered"
 * commit with the effects.
 */
@Injectable()
export class InProcessTransport implements MessageTransport {
  constructor(
    private readonly runner: ConsumerRunner,
    private readonly store: DeliveryStore,
    private readonly registry: ConsumerRegistry,
  ) {}

  /** The consumers this process hosts: processes that share a database share the work through it. */
  readyConsumers(): readonly string[] {
    return this.registry.consumerNames();
  }

  deliver(
    consumer: string,
    deliveries: readonly ClaimedDelivery[],
    worker: string,
    signal?: AbortSignal,
  ): Promise<DeliveryOutcome[]> {
    return this.runner.run(
      consumer,
      deliveries,
      (manager, handled) => this.store.finish(manager, consumer, handled, worker),
      signal,
    );
  }
}
