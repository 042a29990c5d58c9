import type { ClaimedDelivery, DeliveryOutcome } from '../relay/claimed-delivery';

/**
 * The seam between the relay, which owns the delivery queue, and whatever runs the consumers.
 * The in-process transport calls the handlers in this process. A broker transport (RabbitMQ)
 * would publish each batch to the consumer's queue and report `done` once the broker confirms;
 * the consuming process would then keep its own inbox. Module code sees neither.
 */
export interface MessageTransport {
  /**
   * Delivers one consumer's batch; resolves with an outcome for every delivery given. Once `signal`
   * aborts (the relay is stopping), deliveries not yet started are given back as `released`.
   */
  deliver(
    consumer: string,
    deliveries: readonly ClaimedDelivery[],
    worker: string,
    signal?: AbortSignal,
  ): Promise<DeliveryOutcome[]>;
}

export const MESSAGE_TRANSPORT = Symbol('MessageTransport');
