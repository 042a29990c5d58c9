import { Inject, Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram } from 'prom-client';
import { platformConfig, type PlatformConfig } from '../../config/platform.config';
import { MetricsRegistry } from '../../observability/metrics/metrics.registry';
import { ConsumerRegistry } from '../consumer-registry';
import { DeliveryStore, type ConsumerQueueStats } from './delivery-store';

const WINDOW_SECONDS = 60;
const SAMPLE_SIZE = 2048;

export interface LatencySummary {
  readonly meanMs: number | null;
  readonly p50Ms: number | null;
  readonly p99Ms: number | null;
}

/** Recent latencies of one consumer, kept in a fixed-size ring for percentiles. */
class LatencySample {
  private readonly values: number[] = [];
  private next = 0;

  add(ms: number): void {
    if (this.values.length < SAMPLE_SIZE) this.values.push(ms);
    else this.values[this.next] = ms;
    this.next = (this.next + 1) % SAMPLE_SIZE;
  }

  summary(): LatencySummary {
    if (this.values.length === 0) return { meanMs: null, p50Ms: null, p99Ms: null };
    const sorted = [...this.values].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    const mean = sorted.reduce((sum, v) => sum + v, 0) / sorted.length;
    return { meanMs: round(mean), p50Ms: round(at(0.5)), p99Ms: round(at(0.99)) };
  }
}

const round = (value: number) => Math.round(value * 10) / 10;

/**
 * Little's law per consumer: backlog L (from the queue), throughput λ (handled per second over
 * the last minute, this instance) and commit-to-handled latency W. Exposed to Prometheus and,
 * summarised, as JSON by the admin API.
 */
@Injectable()
export class MessagingMetrics {
  private readonly handled: Counter<'consumer' | 'outcome'>;
  private readonly latency: Histogram<'consumer'>;
  private readonly perSecond = new Map<string, Map<number, number>>();
  private readonly samples = new Map<string, LatencySample>();

  constructor(
    registry: MetricsRegistry,
    store: DeliveryStore,
    consumers: ConsumerRegistry,
    @Inject(platformConfig.KEY) config: PlatformConfig,
  ) {
    this.handled = new Counter({
      name: 'messaging_deliveries_total',
      help: 'Deliveries finished by this instance, by consumer and outcome (done, duplicate, forwarded to the broker, retry, dead)',
      labelNames: ['consumer', 'outcome'],
      registers: [registry],
    });
    this.latency = new Histogram({
      name: 'messaging_commit_to_handled_seconds',
      help: 'Time from an event being written to the outbox to a consumer having handled it',
      labelNames: ['consumer'],
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
      registers: [registry],
    });
    // The three queue gauges are collected together on a scrape: they share one query in flight.
    let inFlight: Promise<readonly ConsumerQueueStats[]> | undefined;
    const snapshot = () => (inFlight ??= store.stats().finally(() => (inFlight = undefined)));
    const queueGauge = (name: string, help: string, pick: (s: ConsumerQueueStats) => number | null) =>
      new Gauge({
        name,
        help,
        labelNames: ['consumer'],
        registers: [registry],
        async collect() {
          const stats = await snapshot();
          this.reset();
          // Every consumer has a series, at 0 when idle: an alert never meets a missing one.
          for (const consumer of consumers.consumerNames()) this.set({ consumer }, 0);
          for (const row of stats) this.set({ consumer: row.consumer }, pick(row) ?? 0);
        },
      });
    queueGauge(
      'messaging_backlog',
      'Deliveries not yet done (pending, retrying or in flight), by consumer',
      (s) => s.backlog,
    );
    queueGauge(
      'messaging_dead_letters',
      'Deliveries that exhausted their attempts or failed permanently, by consumer',
      (s) => s.dead,
    );
    queueGauge(
      'messaging_oldest_pending_age_seconds',
      'Age of the oldest delivery not yet done, by consumer',
      (s) => s.oldestPendingAgeSeconds,
    );
    // The threshold as a series, so dashboards and alerts compare against what the app runs with.
    new Gauge({
      name: 'messaging_max_event_age_seconds',
      help: 'The readiness threshold (HEALTH_MAX_EVENT_AGE_SECONDS): past it /health/ready reports the backlog as lagging',
      registers: [registry],
    }).set(config.health.maxEventAgeSeconds);
  }

  recordDone(consumer: string, recordedAt: Date, handledAt = Date.now()): void {
    const latencyMs = Math.max(0, handledAt - recordedAt.getTime());
    this.handled.inc({ consumer, outcome: 'done' });
    this.latency.observe({ consumer }, latencyMs / 1000);
    this.sample(consumer).add(latencyMs);
    const second = Math.floor(handledAt / 1000);
    const counts = this.perSecond.get(consumer) ?? new Map<number, number>();
    counts.set(second, (counts.get(second) ?? 0) + 1);
    for (const key of counts.keys()) if (key <= second - WINDOW_SECONDS) counts.delete(key);
    this.perSecond.set(consumer, counts);
  }

  /**
   * Finished without being handled: the inbox already held the event (another worker, whose lease
   * had run out, handled it first). Counted apart, so that `done` counts each effect once.
   */
  recordDuplicate(consumer: string): void {
    this.handled.inc({ consumer, outcome: 'duplicate' });
  }

  /** Sent on to the broker, which confirmed it: handled in the consuming process, which counts it there. */
  recordForwarded(consumer: string): void {
    this.handled.inc({ consumer, outcome: 'forwarded' });
  }

  recordFailed(consumer: string, dead: boolean): void {
    this.handled.inc({ consumer, outcome: dead ? 'dead' : 'retry' });
  }

  /** Events handled per second by this instance over the last minute. */
  throughput(consumer: string, now = Date.now()): number {
    const since = Math.floor(now / 1000) - WINDOW_SECONDS;
    let total = 0;
    for (const [second, count] of this.perSecond.get(consumer) ?? []) if (second > since) total += count;
    return round(total / WINDOW_SECONDS);
  }

  latencySummary(consumer: string): LatencySummary {
    return this.sample(consumer).summary();
  }

  private sample(consumer: string): LatencySample {
    let sample = this.samples.get(consumer);
    if (!sample) {
      sample = new LatencySample();
      this.samples.set(consumer, sample);
    }
    return sample;
  }
}
