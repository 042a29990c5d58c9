import { SetMetadata } from '@nestjs/common';
import type { EventEnvelope, EventType, IntegrationEvent } from './integration-event';

export const INTEGRATION_EVENT_HANDLER = Symbol('integration-event-handler');

export interface IntegrationEventHandlerMetadata {
  readonly types: readonly EventType[];
  readonly consumer: string;
  readonly batched: boolean;
  readonly orderKey?: (event: EventEnvelope) => string;
}

export interface ConsumerOptions<T extends EventType = EventType> {
  /**
   * Stable name of the durable subscription, `<module>.<what-it-does>`. Delivery state, retries
   * and the inbox are kept per consumer: renaming one starts a new subscription.
   */
  readonly consumer: string;
  /**
   * Whether several events may be handled in one transaction (the default, and the fastest). A
   * batch runs in subject order, so handlers that lock only their subject's row (a payment) lock
   * in one global order and cannot deadlock. Set false when the handler locks rows that are not its
   * subject (the two account balances of a transfer): each event then runs in its own transaction.
   */
  readonly batched?: boolean;
  /**
   * The order a batch runs in (default: the subject). A handler that locks something other than
   * its subject (risk serialises on the payer's account) names that key here, so every batch
   * takes its locks in one global order.
   */
  readonly orderKey?: (event: IntegrationEvent<T>) => string;
}

const CONSUMER_NAME = /^[a-z][a-z0-9-]*\.[a-z][a-z0-9.-]*$/;

/**
 * Marks a provider method as the durable consumer of one or more integration event types. It
 * runs in its own transaction, once per event (an inbox records it), and what it publishes
 * commits with it. The method's parameter type is checked against the event types given.
 * A consumer that takes several types receives them in commit order per subject.
 */
export function OnIntegrationEvent<T extends EventType>(type: T | readonly T[], options: ConsumerOptions<T>) {
  if (!CONSUMER_NAME.test(options.consumer)) {
    throw new Error(`Consumer name "${options.consumer}" must look like "<module>.<action>" in lower case`);
  }
  const types: readonly T[] = typeof type === 'string' ? [type] : type;
  const metadata: IntegrationEventHandlerMetadata = {
    types,
    consumer: options.consumer,
    batched: options.batched ?? true,
    orderKey: options.orderKey as ((event: EventEnvelope) => string) | undefined,
  };

  return <M extends (event: IntegrationEvent<T>) => Promise<unknown>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<M>,
  ) => {
    SetMetadata(INTEGRATION_EVENT_HANDLER, metadata)(target, key, descriptor);
  };
}
