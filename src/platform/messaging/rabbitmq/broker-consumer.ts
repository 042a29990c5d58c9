import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { ChannelWrapper } from 'amqp-connection-manager';
import type { Channel, ConsumeMessage } from 'amqplib';
import { DataSource } from 'typeorm';
import { platformConfig, type PlatformConfig } from '../../config/platform.config';
import { ConsumerRegistry } from '../consumer-registry';
import { ConsumerRunner, type ConsumerMessage } from '../consumer/consumer-runner';
import { OUTBOX_COMMITTED } from '../messaging.signals';
import { retryDelayMs } from '../relay/backoff';
import { MessagingMetrics } from '../relay/messaging-metrics';
import { BrokerConnection } from './broker-connection';
import { BrokerInbox, type ParkedEvent } from './broker-inbox';
import { fromMessage, type ReceivedEvent } from './broker-message';
import { deadLetterQueue, declareTopology, partitionQueue } from './broker-topology';

const RETRY_MIN_MS = 200;
const RETRY_MAX_MS = 30_000;

interface Received extends ReceivedEvent, ConsumerMessage {
  readonly message: ConsumeMessage;
}

/** One partition queue's messages, handled one batch at a time, in the order the queue gave them. */
interface QueueState {
  readonly queue: string;
  readonly consumer: string;
  readonly channel: Channel;
  buffer: ConsumeMessage[];
  running: boolean;
}

/**
 * The consumer outbox's near end: takes this process's consumers' messages from their partition
 * queues and runs them through the consumer runner, in the same transaction as the inbox rows (so
 * a redelivered message has no second effect), then acks. A message is acked only once its effects
 * have committed, or once it is parked here: an event whose handler failed waits for its retry as
 * a parked delivery (the relay runs it with the usual backoff, then dead-letters it), and the
 * events of its subject that arrive meanwhile are parked behind it, so the subject keeps its order
 * while the other subjects of the partition flow on. The dead-letter queue (delivery limit, TTL)
 * is turned into dead deliveries for the operators.
 */
@Injectable()
export class BrokerConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(BrokerConsumer.name);
  private channel?: ChannelWrapper;
  private readonly queues = new Map<string, QueueState>();
  private readonly batches = new Set<Promise<void>>();
  /** Messages received and not yet acked, per consumer: what the broker's own counts do not show as waiting. */
  private readonly held = new Map<string, number>();
  private stopping = false;

  constructor(
    @Inject(platformConfig.KEY) private readonly config: PlatformConfig,
    private readonly broker: BrokerConnection,
    private readonly registry: ConsumerRegistry,
    private readonly runner: ConsumerRunner,
    private readonly inbox: BrokerInbox,
    private readonly dataSource: DataSource,
    private readonly metrics: MessagingMetrics,
    private readonly signals: EventEmitter2,
  ) {}

  /** Consumes where the relay runs (MESSAGING_RELAY_ENABLED): an API-only instance takes no messages. */
  onApplicationBootstrap(): void {
    if (this.config.messaging.relayEnabled) this.start();
  }

  start(): void {
    const consumers = this.registry.consumerNames();
    if (!this.broker.enabled || this.channel || consumers.length === 0) return;
    this.stopping = false;
    const { partitions, deliveryLimit, messageTtlMs, prefetch } = this.config.rabbitmq;
    this.channel = this.broker.channel('consumers', async (channel: Channel) => {
      // A new channel: messages of the old one not acked yet come again, from the broker.
      this.queues.clear();
      this.held.clear();
      await declareTopology(channel, consumers, { partitions, deliveryLimit, messageTtlMs });
      await channel.prefetch(prefetch);
      for (const consumer of consumers) {
        for (let partition = 0; partition < partitions; partition++) {
          const queue = partitionQueue(consumer, partition);
          const state: QueueState = { queue, consumer, channel, buffer: [], running: false };
          this.queues.set(queue, state);
          await channel.consume(queue, (message) => message && this.receive(state, message), { noAck: false });
        }
        await channel.consume(
          deadLetterQueue(consumer),
          (message) =>
            message &&
            void this.bury(channel, consumer, message).catch((error: unknown) =>
              this.logger.warn(`A dead letter of ${consumer} stays in its queue: ${String(error)}`),
            ),
          {
            noAck: false,
          },
        );
      }
    });
    this.channel.on('error', (error: Error) => this.logger.warn(`Consumer channel error: ${error.message}`));
  }

  /** Stops taking messages; batches running finish (their acks go out), the rest return to the queues. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.batches);
    await this.channel?.close().catch(() => undefined);
  }

  /** Messages of `consumer` this process holds: received, not yet acked. */
  inHand(consumer: string): number {
    return this.held.get(consumer) ?? 0;
  }

  private receive(state: QueueState, message: ConsumeMessage): void {
    this.held.set(state.consumer, this.inHand(state.consumer) + 1);
    state.buffer.push(message);
    if (state.running || this.stopping) return;
    state.running = true;
    const drain = this.drain(state).finally(() => {
      state.running = false;
      this.batches.delete(drain);
    });
    this.batches.add(drain);
  }

  private async drain(state: QueueState): Promise<void> {
    // Let the prefetched messages arrive, so that one transaction takes many.
    await new Promise((resolve) => setImmediate(resolve));
    while (state.buffer.length > 0 && !this.stopping) {
      const batch = state.buffer.splice(0, this.config.messaging.batchSize);
      await this.handleWithRetry(state, batch);
    }
  }

  /** A failure of the database (not of a handler) leaves the batch unacked and tries again, while the channel lives. */
  private async handleWithRetry(state: QueueState, messages: ConsumeMessage[]): Promise<void> {
    for (let waitMs = RETRY_MIN_MS; ; waitMs = Math.min(waitMs * 2, RETRY_MAX_MS)) {
      try {
        return await this.handle(state, messages);
      } catch (error) {
        if (this.stopping || !this.isLive(state)) return;
        this.logger.warn(`Handling a batch of ${state.consumer} failed (${String(error)}); retrying in ${waitMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, waitMs));
      }
    }
  }

  private async handle(state: QueueState, messages: readonly ConsumeMessage[]): Promise<void> {
    const { consumer, channel } = state;
    const received: Received[] = [];
    for (const message of messages) {
      const parsed = fromMessage(message);
      // Not an event of ours: the dead-letter queue keeps it for a person to look at.
      if (parsed)
        received.push({ ...parsed, id: message.fields.deliveryTag.toString(), handledBefore: false, message });
      else channel.nack(message, false, false);
    }
    const { handled, parkedSubjects } = await this.inbox.lookup(
      this.dataSource.manager,
      consumer,
      received.map((r) => r.event.id),
      [...new Set(received.map((r) => r.event.subject))],
    );

    // Each subject's messages in queue order; a subject with a parked delivery waits behind it.
    const bySubject = new Map<string, Received[]>();
    for (const r of received) {
      if (handled.has(r.event.id)) continue;
      bySubject.set(r.event.subject, [...(bySubject.get(r.event.subject) ?? []), r]);
    }
    const parked: ParkedEvent[] = [];
    const behind = (r: Received): ParkedEvent => ({ ...r, attempts: 0, dead: false, retryInMs: 0, error: null });
    const unacked = new Set<Received>();
    for (const subject of parkedSubjects) parked.push(...(bySubject.get(subject) ?? []).map(behind));
    for (const subject of parkedSubjects) bySubject.delete(subject);

    // Rounds of at most one event per subject: the runner's batches keep their subjects' order.
    while (bySubject.size > 0) {
      const round = [...bySubject.values()].map((queue) => queue.shift()!);
      const outcomes = await this.runner.run(consumer, round, (manager, done) =>
        this.inbox.record(
          manager,
          consumer,
          done.map((r) => ({ event: r.event, attempts: r.redeliveries + 1 })),
        ),
      );
      const handledAt = Date.now();
      round.forEach((r, i) => {
        const outcome = outcomes[i];
        const rest = bySubject.get(r.event.subject)!;
        if (outcome.status === 'done') {
          this.metrics.recordDone(consumer, r.recordedAt, handledAt);
        } else if (outcome.status === 'failed') {
          const retry = this.failed(r, outcome.permanent, outcome.error);
          this.metrics.recordFailed(consumer, retry.dead);
          parked.push(retry, ...rest.map(behind));
          rest.length = 0;
        } else {
          for (const later of [r, ...rest]) unacked.add(later);
          rest.length = 0;
        }
        if (rest.length === 0) bySubject.delete(r.event.subject);
      });
    }

    if (parked.length > 0) {
      await this.inbox.park(this.dataSource.manager, consumer, parked);
      this.signals.emit(OUTBOX_COMMITTED, [consumer]);
    }
    for (const r of received) {
      this.settle(state, () => (unacked.has(r) ? channel.nack(r.message, false, true) : channel.ack(r.message)));
    }
  }

  /** False once the channel `state` came from has been replaced (a reconnection). */
  private isLive(state: QueueState): boolean {
    return this.queues.get(state.queue) === state;
  }

  /** Acks or nacks one message of `state`'s channel; one of an old channel is the broker's again already. */
  private settle(state: QueueState, answer: () => void): void {
    if (!this.isLive(state)) return;
    answer();
    this.held.set(state.consumer, Math.max(0, this.inHand(state.consumer) - 1));
  }

  /** The parked delivery of a message whose handler failed: a retry after the backoff, or dead at once. */
  private failed(r: Received, permanent: boolean, error: string): ParkedEvent {
    const { maxAttempts, backoffBaseMs, backoffMaxMs } = this.config.messaging;
    const attempts = r.redeliveries + 1;
    const dead = permanent || attempts >= maxAttempts;
    const retryInMs = dead ? 0 : retryDelayMs(attempts, { baseMs: backoffBaseMs, maxMs: backoffMaxMs });
    return { event: r.event, recordedAt: r.recordedAt, attempts, dead, retryInMs, error };
  }

  /** A message the broker gave up on becomes a dead delivery here, for an operator to see and redrive. */
  private async bury(channel: Channel, consumer: string, message: ConsumeMessage): Promise<void> {
    const parsed = fromMessage(message);
    if (!parsed) {
      this.logger.error(
        `Dropping a message in ${deadLetterQueue(consumer)} that is not an event: ${message.content.toString('utf8').slice(0, 200)}`,
      );
      channel.ack(message);
      return;
    }
    const death = (
      message.properties.headers?.['x-death'] as Array<{ reason?: string; queue?: string; count?: number }> | undefined
    )?.[0];
    const error = `Dead-lettered by RabbitMQ (${death?.reason ?? 'unknown reason'} in ${death?.queue ?? 'its queue'})`;
    try {
      const { handled } = await this.inbox.lookup(this.dataSource.manager, consumer, [parsed.event.id], []);
      if (!handled.has(parsed.event.id)) {
        const attempts = Math.max(1, parsed.redeliveries, death?.count ?? 0);
        await this.inbox.park(this.dataSource.manager, consumer, [
          { event: parsed.event, recordedAt: parsed.recordedAt, attempts, dead: true, retryInMs: 0, error },
        ]);
        this.metrics.recordFailed(consumer, true);
      }
      channel.ack(message);
    } catch (failure) {
      this.logger.warn(`Recording a dead letter of ${consumer} failed (${String(failure)}); it stays in the queue`);
      await new Promise((resolve) => setTimeout(resolve, RETRY_MAX_MS / 10));
      try {
        channel.nack(message, false, true);
      } catch {
        // The channel is gone: the broker gives the message to the next one.
      }
    }
  }
}
