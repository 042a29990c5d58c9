import { Inject, Injectable } from '@nestjs/common';
import { platformConfig, type PlatformConfig } from '../../config/platform.config';
import { ConsumerRegistry } from '../consumer-registry';
import { BrokerStats, type InstanceReport } from '../rabbitmq/broker-stats';
import { DeliveryStore, type ConsumerQueueStats } from '../relay/delivery-store';
import { MessagingMetrics } from '../relay/messaging-metrics';
import { RelayService } from '../relay/relay.service';
import type { ConsumerStatsDto, MessagingStatsDto } from './messaging-stats.dto';

const max = (values: ReadonlyArray<number | null | undefined>): number | null => {
  const known = values.filter((v): v is number => typeof v === 'number');
  return known.length === 0 ? null : Math.max(...known);
};

/**
 * Little's law per consumer, for every consumer of the system, from any process. In one process
 * (or processes sharing the database) the queue is the delivery table. Across a broker, an event
 * is somewhere along outbox → partition queue → the consuming process (held, or parked in its
 * database), and each part is counted where it is: this database, the broker's queue depth, and
 * what every other process says of the consumers it hosts (each database once).
 */
@Injectable()
export class MessagingStatsService {
  constructor(
    @Inject(platformConfig.KEY) private readonly config: PlatformConfig,
    private readonly store: DeliveryStore,
    private readonly metrics: MessagingMetrics,
    private readonly relay: RelayService,
    private readonly registry: ConsumerRegistry,
    private readonly broker: BrokerStats,
  ) {}

  async stats(): Promise<MessagingStatsDto> {
    const everyone = this.registry.allConsumerNames();
    const hosted = new Set(this.registry.consumerNames());
    // In this order: a delivery leaves this database only once the broker holds it, and the broker
    // lets go of it only once its consumer holds it. Counted once or twice in passing, never not at all.
    const local = new Map((await this.store.stats()).map((s) => [s.consumer, s]));
    const queued = await this.broker.queued(everyone);
    const reports = await this.broker.gather(everyone.filter((c) => !hosted.has(c)));
    const ownDatabase = reports.length > 0 ? await this.broker.database() : undefined;

    const names = [...new Set([...everyone, ...local.keys()])].sort();
    return {
      relay: { instance: this.relay.instanceId, running: this.relay.isRunning, workers: this.relay.workerCount },
      maxEventAgeSeconds: this.config.health.maxEventAgeSeconds,
      consumers: names.map((consumer) =>
        this.merge(
          consumer,
          hosted.has(consumer),
          local.get(consumer),
          queued.get(consumer) ?? 0,
          reports,
          ownDatabase,
        ),
      ),
    };
  }

  private merge(
    consumer: string,
    isHosted: boolean,
    local: ConsumerQueueStats | undefined,
    queued: number,
    reports: readonly InstanceReport[],
    ownDatabase: string | undefined,
  ): ConsumerStatsDto {
    const answers = reports.filter((r) => r.instance !== this.relay.instanceId);
    const seen = new Set([ownDatabase]);
    const elsewhere: ConsumerQueueStats[] = [];
    let inHand = 0;
    let throughput = isHosted ? this.metrics.throughput(consumer) : 0;
    let latency = isHosted ? this.metrics.latencySummary(consumer) : { meanMs: null, p50Ms: null, p99Ms: null };
    const hostedBy = isHosted ? [this.relay.instanceId] : [];
    for (const report of answers) {
      const mine = report.consumers.find((c) => c.consumer === consumer);
      if (!mine) continue;
      hostedBy.push(report.instance);
      inHand += mine.inHand;
      throughput += mine.throughputPerSecond;
      if (latency.p50Ms === null) latency = mine.latency;
      if (mine.queue && !seen.has(report.database)) elsewhere.push(mine.queue);
      seen.add(report.database);
    }
    const queues = [local, ...elsewhere].filter((q): q is ConsumerQueueStats => q !== undefined);
    const sum = (pick: (q: ConsumerQueueStats) => number) => queues.reduce((total, q) => total + pick(q), 0);
    return {
      consumer,
      hostedBy,
      backlog: sum((q) => q.backlog) + queued + inHand,
      inFlight: sum((q) => q.inFlight) + inHand,
      queuedInBroker: queued,
      dead: sum((q) => q.dead),
      throughputPerSecond: Math.round(throughput * 10) / 10,
      latency,
      oldestPendingAgeSeconds: max(queues.map((q) => q.oldestPendingAgeSeconds)),
      oldestActiveAgeSeconds: max(queues.map((q) => q.oldestActiveAgeSeconds)),
    };
  }
}
