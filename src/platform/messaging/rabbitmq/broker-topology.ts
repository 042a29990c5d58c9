import type { Channel } from 'amqplib';

/** Every event, routed by `<consumer>.<partition>` to one queue per consumer and partition. */
export const EVENTS_EXCHANGE = 'platform.events';
/** Where a queue sends what it gives up on (delivery limit, TTL), routed by consumer name. */
export const DEAD_LETTER_EXCHANGE = 'platform.events.dead';

export interface TopologySettings {
  readonly partitions: number;
  readonly deliveryLimit: number;
  readonly messageTtlMs?: number;
}

export const partitionQueue = (consumer: string, partition: number) => `${consumer}.${partition}`;
export const deadLetterQueue = (consumer: string) => `${consumer}.dead`;

/**
 * The partition of a subject: FNV-1a of its UTF-8 bytes. Every process must agree on it (and on
 * RABBITMQ_PARTITIONS), so that a subject's events always share one queue.
 */
export function partitionOf(subject: string, partitions: number): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(subject, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % partitions;
}

/**
 * Declares the exchanges and, for each consumer, its partition queues and its dead-letter queue.
 * Idempotent: publishers and consumers both declare what they use, on every (re)connect, so a
 * message is never routed to nowhere because its consumer has not started yet.
 *
 * Partition queues are quorum queues (replicated, durable, counting deliveries) with a single
 * active consumer, so one subject's events are handled in order even with several consuming
 * processes: the others stand by and take over a partition when its consumer goes away. A message
 * delivered more than the delivery limit (it keeps killing its consumer) or older than the TTL is
 * dead-lettered, at least once, to the consumer's dead-letter queue, which the consuming process
 * turns into a dead delivery that operators see and redrive with the other dead letters.
 */
export async function declareTopology(
  channel: Channel,
  consumers: readonly string[],
  settings: TopologySettings,
): Promise<void> {
  await channel.assertExchange(EVENTS_EXCHANGE, 'direct', { durable: true });
  await channel.assertExchange(DEAD_LETTER_EXCHANGE, 'direct', { durable: true });
  for (const consumer of consumers) {
    const dead = deadLetterQueue(consumer);
    await channel.assertQueue(dead, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
    await channel.bindQueue(dead, DEAD_LETTER_EXCHANGE, consumer);
    for (let partition = 0; partition < settings.partitions; partition++) {
      const queue = partitionQueue(consumer, partition);
      await channel.assertQueue(queue, {
        durable: true,
        arguments: {
          'x-queue-type': 'quorum',
          'x-single-active-consumer': true,
          'x-delivery-limit': settings.deliveryLimit,
          'x-dead-letter-exchange': DEAD_LETTER_EXCHANGE,
          'x-dead-letter-routing-key': consumer,
          'x-dead-letter-strategy': 'at-least-once',
          // at-least-once dead-lettering requires it; no length limit is set, so nothing is refused.
          'x-overflow': 'reject-publish',
          ...(settings.messageTtlMs ? { 'x-message-ttl': settings.messageTtlMs } : {}),
        },
      });
      await channel.bindQueue(queue, EVENTS_EXCHANGE, queue);
    }
  }
}
