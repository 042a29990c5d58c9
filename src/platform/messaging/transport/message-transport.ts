import type { ClaimedDelivery, DeliveryOutcome } from '../relay/claimed-delivery';

/**
 * The seam between the relay, which owns the delivery queue, and whatever carries deliveries to
 * their consumers. The in-process transport runs this process's consumers; the RabbitMQ transport
 * publishes each delivery to its consumer's queue and reports it `forwarded` once the broker
 * confirms, and the consuming process keeps its own inbox. Module code sees neither.
 */
export interface MessageTransport {
  /** The consumers whose fresh deliveries this transport can take now (none while a broker is away). */
  readyConsumers(): readonly string[];

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
