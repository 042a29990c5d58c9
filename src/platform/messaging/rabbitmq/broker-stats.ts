import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { ChannelWrapper } from 'amqp-connection-manager';
import type { Channel, ConsumeMessage } from 'amqplib';
import { DataSource } from 'typeorm';
import { platformConfig, type PlatformConfig } from '../../config/platform.config';
import { sql } from '../../database/sql';
import { ConsumerRegistry } from '../consumer-registry';
import { DeliveryStore, type ConsumerQueueStats } from '../relay/delivery-store';
import { MessagingMetrics, type LatencySummary } from '../relay/messaging-metrics';
import { RelayService } from '../relay/relay.service';
import { BrokerConnection } from './broker-connection';
import { BrokerConsumer } from './broker-consumer';
import { partitionQueue } from './broker-topology';

const STATS_EXCHANGE = 'platform.stats';
const ANSWER_TIMEOUT_MS = 1500;
/** After every consumer asked about has an answer, other instances hosting them have this long to answer too. */
const GRACE_MS = 50;

/** What one process says of the consumers it hosts. */
export interface InstanceReport {
  readonly instance: string;
  /** Its database's identity: instances that share a database report its queue once. */
  readonly database: string;
  readonly consumers: ReadonlyArray<{
    readonly consumer: string;
    /** Messages it received and has not acked yet. */
    readonly inHand: number;
    readonly queue: ConsumerQueueStats | null;
    readonly throughputPerSecond: number;
    readonly latency: LatencySummary;
  }>;
}

/**
 * Lets any process answer for every consumer, wherever it runs: a question on a fanout exchange,
 * answered by each process for the consumers it hosts (what it holds, then its database's queue
 * for them, in that order so that an event moving on is counted once or twice, never not at all),
 * plus the partition queues' own depth. Only with MESSAGING_TRANSPORT=rabbitmq.
 */
@Injectable()
export class BrokerStats implements OnApplicationBootstrap {
  private readonly logger = new Logger(BrokerStats.name);
  private channel?: ChannelWrapper;
  private replyQueue?: string;
  private databaseId?: Promise<string>;
  private readonly waiting = new Map<string, (report: InstanceReport) => void>();

  constructor(
    @Inject(platformConfig.KEY) private readonly config: PlatformConfig,
    private readonly broker: BrokerConnection,
    private readonly registry: ConsumerRegistry,
    private readonly store: DeliveryStore,
    private readonly metrics: MessagingMetrics,
    private readonly consumer: BrokerConsumer,
    private readonly relay: RelayService,
    private readonly dataSource: DataSource,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.broker.enabled) return;
    this.channel = this.broker.channel('stats', async (channel: Channel) => {
      await channel.assertExchange(STATS_EXCHANGE, 'fanout', { durable: false });
      const questions = await channel.assertQueue('', { exclusive: true, autoDelete: true });
      await channel.bindQueue(questions.queue, STATS_EXCHANGE, '');
      await channel.consume(questions.queue, (message) => message && void this.answer(channel, message), {
        noAck: true,
      });
      const replies = await channel.assertQueue('', { exclusive: true, autoDelete: true });
      this.replyQueue = replies.queue;
      await channel.consume(replies.queue, (message) => message && this.receive(message), { noAck: true });
    });
    this.channel.on('error', (error: Error) => this.logger.warn(`Stats channel error: ${error.message}`));
  }

  /** This database's identity (see the broker-transport migration). */
  database(): Promise<string> {
    return (this.databaseId ??= sql<{ id: string }>(
      this.dataSource.manager,
      `SELECT id::text FROM platform.database_identity`,
    ).then(({ rows }) => rows[0].id));
  }

  /** Ready messages in each consumer's partition queues; empty without a broker. */
  async queued(consumers: readonly string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    if (!this.channel || !this.broker.connected) return counts;
    const channel = this.channel;
    const partitions = Array.from({ length: this.config.rabbitmq.partitions }, (_, p) => p);
    try {
      await Promise.all(
        consumers.map(async (consumer) => {
          const depths = await Promise.all(
            partitions.map(async (p) => (await channel.checkQueue(partitionQueue(consumer, p))).messageCount),
          );
          counts.set(
            consumer,
            depths.reduce((sum, n) => sum + n, 0),
          );
        }),
      );
    } catch (error) {
      // A queue not declared yet (no publisher has connected) holds nothing.
      this.logger.debug(`Reading queue depths failed: ${String(error)}`);
    }
    return counts;
  }

  /** Asks every process; resolves with the answers that came, once each of `consumers` has one (or on timeout). */
  async gather(consumers: readonly string[]): Promise<InstanceReport[]> {
    const channel = this.channel;
    if (!channel || !this.broker.connected || !this.replyQueue) return [];
    const id = randomUUID();
    const reports: InstanceReport[] = [];
    await new Promise<void>((resolve) => {
      let grace: NodeJS.Timeout | undefined;
      const timeout = setTimeout(resolve, ANSWER_TIMEOUT_MS);
      this.waiting.set(id, (report) => {
        reports.push(report);
        const covered = new Set(reports.flatMap((r) => r.consumers.map((c) => c.consumer)));
        if (!grace && consumers.every((c) => covered.has(c))) {
          grace = setTimeout(() => {
            clearTimeout(timeout);
            resolve();
          }, GRACE_MS);
        }
      });
      channel
        .publish(STATS_EXCHANGE, '', Buffer.from('{}'), { correlationId: id, replyTo: this.replyQueue })
        .catch(() => resolve());
    });
    this.waiting.delete(id);
    return reports;
  }

  private async answer(channel: Channel, message: ConsumeMessage): Promise<void> {
    const { correlationId, replyTo } = message.properties as { correlationId?: string; replyTo?: string };
    if (!correlationId || !replyTo) return;
    try {
      const hosted = this.registry.consumerNames();
      // What it holds first, then the database: see the class comment.
      const inHand = new Map(hosted.map((c) => [c, this.consumer.inHand(c)]));
      const queues = new Map((await this.store.stats()).map((q) => [q.consumer, q]));
      const report: InstanceReport = {
        instance: this.relay.instanceId,
        database: await this.database(),
        consumers: hosted.map((consumer) => ({
          consumer,
          inHand: inHand.get(consumer) ?? 0,
          queue: queues.get(consumer) ?? null,
          throughputPerSecond: this.metrics.throughput(consumer),
          latency: this.metrics.latencySummary(consumer),
        })),
      };
      channel.sendToQueue(replyTo, Buffer.from(JSON.stringify(report)), { correlationId });
    } catch (error) {
      this.logger.warn(`Answering a stats question failed: ${String(error)}`);
    }
  }

  private receive(message: ConsumeMessage): void {
    const resolve = this.waiting.get(String(message.properties.correlationId));
    if (!resolve) return;
    try {
      resolve(JSON.parse(message.content.toString('utf8')) as InstanceReport);
    } catch {
      // Not an answer we can read: as if it never came.
    }
  }
}
