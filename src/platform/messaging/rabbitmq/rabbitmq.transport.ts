import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ChannelWrapper } from 'amqp-connection-manager';
import type { ConfirmChannel, ConsumeMessage } from 'amqplib';
import { platformConfig, type PlatformConfig } from '../../config/platform.config';
import { ConsumerRegistry } from '../consumer-registry';
import type { ClaimedDelivery, DeliveryOutcome } from '../relay/claimed-delivery';
import { DeliveryStore } from '../relay/delivery-store';
import type { MessageTransport } from '../transport/message-transport';
import { BrokerConnection } from './broker-connection';
import { declareTopology, EVENTS_EXCHANGE, partitionOf, partitionQueue } from './broker-topology';
import { toMessage } from './broker-message';

/** After a publish the broker refused or did not confirm, fresh deliveries wait this long before the next try. */
const PAUSE_AFTER_FAILURE_MS = 1000;

/**
 * The bus outbox's far end: sends claimed deliveries to their consumer's partition queue and
 * deletes them only once the broker has confirmed each one (publisher confirms; `mandatory`, so a
 * message that no queue would take comes back instead of vanishing). Until then they stay in the
 * outbox, ours to send again: a broker that is down or refuses costs latency, never an event.
 *
 * Ordering per subject holds across the broker: the relay hands over a subject's next delivery
 * only after this one is confirmed and deleted, a subject always goes to the same partition, and a
 * partition queue has one active consumer.
 */
@Injectable()
export class RabbitMqTransport implements MessageTransport {
  private readonly logger = new Logger(RabbitMqTransport.name);
  private channel?: ChannelWrapper;
  private ready = false;
  private pausedUntil = 0;
  /** Messages the broker returned as unroutable, by delivery id: their confirm must not count. */
  private readonly returned = new Set<string>();

  constructor(
    @Inject(platformConfig.KEY) private readonly config: PlatformConfig,
    private readonly broker: BrokerConnection,
    private readonly registry: ConsumerRegistry,
    private readonly store: DeliveryStore,
  ) {}

  readyConsumers(): readonly string[] {
    this.open();
    if (!this.ready || !this.broker.connected || Date.now() < this.pausedUntil) return [];
    return this.registry.allConsumerNames();
  }

  async deliver(consumer: string, deliveries: readonly ClaimedDelivery[], worker: string): Promise<DeliveryOutcome[]> {
    const channel = this.open();
    const { partitions } = this.config.rabbitmq;
    const sent = await Promise.allSettled(
      deliveries.map((delivery) => {
        const queue = partitionQueue(consumer, partitionOf(delivery.event.subject, partitions));
        const { content, options } = toMessage(delivery);
        return channel.publish(EVENTS_EXCHANGE, queue, content, { ...options, mandatory: true });
      }),
    );
    const confirmed = deliveries.filter((d, i) => sent[i].status === 'fulfilled' && !this.returned.has(d.id));
    for (const { id } of deliveries) this.returned.delete(id);
    if (confirmed.length < deliveries.length) {
      const failure = sent.find((s): s is PromiseRejectedResult => s.status === 'rejected');
      this.logger.warn(
        `RabbitMQ took ${confirmed.length} of ${deliveries.length} messages for ${consumer}${failure ? `: ${String(failure.reason)}` : ' (unroutable)'}; the rest stay in the outbox`,
      );
      this.pausedUntil = Date.now() + PAUSE_AFTER_FAILURE_MS;
    }
    // If this fails, the confirmed ones are sent again when their lease runs out: the far side's inbox drops the copies.
    await this.store.complete(
      confirmed.map((d) => d.id),
      worker,
    );
    const done = new Set(confirmed.map((d) => d.id));
    return deliveries.map((d) => ({ id: d.id, status: done.has(d.id) ? 'forwarded' : 'released' }));
  }

  /** The confirm channel, opened on first use; its setup declares every consumer's queues on each connection. */
  private open(): ChannelWrapper {
    if (this.channel) return this.channel;
    const { partitions, deliveryLimit, messageTtlMs } = this.config.rabbitmq;
    const channel = this.broker.channel(
      'outbox-publisher',
      async (raw: ConfirmChannel) => {
        this.ready = false;
        raw.on('return', (message: ConsumeMessage) => {
          const id = message.properties.headers?.['x-delivery-id'] as string | undefined;
          if (id) this.returned.add(id);
        });
        await declareTopology(raw, this.registry.allConsumerNames(), { partitions, deliveryLimit, messageTtlMs });
        this.ready = true;
      },
      true,
    );
    channel.on('close', () => (this.ready = false));
    channel.on('error', (error: Error) => this.logger.warn(`Publisher channel error: ${error.message}`));
    return (this.channel = channel);
  }
}
