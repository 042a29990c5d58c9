import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { Counter, Gauge } from 'prom-client';
import { platformConfig, type PlatformConfig } from '../config/platform.config';
import { DatabaseConnection } from '../database/database-connection';
import { OUTBOX_COMMITTED, OUTBOX_ORIGIN } from '../messaging/messaging.signals';
import { OutboxListener } from '../messaging/relay/outbox-listener';
import { MetricsRegistry } from '../observability/metrics/metrics.registry';
import { eventsConfig, type EventsConfig } from './events.config';
import { EventStore, type StoredEvent } from './event-store';
import { sseMessage, type StreamClient } from './stream-client';

const READ_BATCH = 500;
/** Missing seqs watched at once; beyond that (a burst of rollbacks) the oldest are given up. */
const MAX_GAPS = 10_000;

/**
 * Follows the outbox for this instance's stream clients, whichever instance committed the events:
 * woken by a local commit, by NOTIFY from another instance, and by polling (the embedded database
 * only polls). It reads only while a client is connected, with its own queries, and hands each
 * event to every client without waiting for any (a client that falls behind is dropped), so it
 * never slows the relay or a publisher.
 *
 * Seqs are taken in the publishing transactions, so they can commit out of order: a seq missing
 * below one already read is watched for `gapWaitMs` and sent when it shows up (a rolled-back
 * publish never does). For one subject, events commit in order.
 */
@Injectable()
export class EventFeed implements OnModuleDestroy {
  private readonly logger = new Logger(EventFeed.name);
  private readonly clients = new Set<StreamClient>();
  /** Every seq up to here was read, or is a gap being watched. */
  private frontier = 0n;
  private readonly gaps = new Map<bigint, number>();
  private starting: Promise<void> | null = null;
  private reading = false;
  private readAgain = false;
  private pollTimer?: NodeJS.Timeout;
  private heartbeatTimer?: NodeJS.Timeout;
  private listener?: OutboxListener;
  private readonly wake = () => void this.read();
  private readonly connected: Gauge;
  private readonly dropped: Counter;

  constructor(
    private readonly store: EventStore,
    private readonly signals: EventEmitter2,
    private readonly connection: DatabaseConnection,
    @Inject(platformConfig.KEY) private readonly platform: PlatformConfig,
    @Inject(eventsConfig.KEY) private readonly config: EventsConfig,
    @Inject(OUTBOX_ORIGIN) private readonly origin: string,
    registry: MetricsRegistry,
  ) {
    this.connected = new Gauge({
      name: 'events_stream_clients',
      help: 'Clients connected to GET /v1/events/stream on this instance',
      registers: [registry],
    });
    this.dropped = new Counter({
      name: 'events_stream_dropped_total',
      help: 'Stream clients dropped because they fell more than EVENTS_STREAM_BUFFER messages behind',
      registers: [registry],
    });
  }

  /**
   * Adds a client to the live feed and returns the last seq read: the client has every live event
   * after it, so a replay of what it missed goes up to there.
   */
  async subscribe(client: StreamClient): Promise<bigint> {
    this.clients.add(client);
    this.connected.set(this.clients.size);
    this.starting ??= this.start();
    await this.starting;
    return this.frontier;
  }

  get clientCount(): number {
    return this.clients.size;
  }

  unsubscribe(client: StreamClient): void {
    if (!this.clients.delete(client)) return;
    this.connected.set(this.clients.size);
    if (this.clients.size === 0) void this.stop();
  }

  /** Called by a client that fell too far behind. */
  drop(client: StreamClient): void {
    this.dropped.inc();
    this.unsubscribe(client);
  }

  async onModuleDestroy(): Promise<void> {
    for (const client of this.clients) client.close();
    this.clients.clear();
    await this.stop();
  }

  private async start(): Promise<void> {
    this.frontier = await this.store.lastSeq();
    this.signals.on(OUTBOX_COMMITTED, this.wake);
    this.pollTimer = setInterval(this.wake, this.config.stream.pollIntervalMs);
    this.heartbeatTimer = setInterval(() => {
      for (const client of this.clients) client.heartbeat();
    }, this.config.stream.heartbeatMs);
    if (this.platform.messaging.notify && !this.connection.isEmbedded) {
      this.listener = new OutboxListener(this.connection.url, this.wake, this.origin);
      this.listener.start();
    }
  }

  private async stop(): Promise<void> {
    const starting = this.starting;
    if (!starting) return;
    this.starting = null;
    await starting.catch(() => undefined);
    this.signals.off(OUTBOX_COMMITTED, this.wake);
    clearInterval(this.pollTimer);
    clearInterval(this.heartbeatTimer);
    this.gaps.clear();
    const listener = this.listener;
    this.listener = undefined;
    await listener?.stop();
  }

  private async read(): Promise<void> {
    if (this.reading) {
      this.readAgain = true;
      return;
    }
    this.reading = true;
    try {
      do {
        this.readAgain = false;
        const late = this.gaps.size > 0 ? await this.store.bySeq([...this.gaps.keys()]) : [];
        const fresh = await this.store.after(this.frontier, READ_BATCH);
        this.deliver(late, fresh);
        if (fresh.length === READ_BATCH) this.readAgain = true;
      } while (this.readAgain && this.clients.size > 0);
    } catch (error) {
      this.logger.warn(`Reading the outbox for the stream failed: ${String(error)}`);
    } finally {
      this.reading = false;
    }
  }

  /** One synchronous step, so that a client subscribing meanwhile sees either all of it live or none. */
  private deliver(late: readonly StoredEvent[], fresh: readonly StoredEvent[]): void {
    // Every client's share of this read goes out in one write of its socket, not one per event.
    const clients = [...this.clients];
    for (const client of clients) client.cork();
    try {
      this.deliverEach(late, fresh);
    } finally {
      for (const client of clients) client.uncork();
    }
  }

  private deliverEach(late: readonly StoredEvent[], fresh: readonly StoredEvent[]): void {
    const now = Date.now();
    for (const event of late) {
      this.gaps.delete(event.seq);
      this.send(event);
    }
    let expected = this.frontier + 1n;
    for (const event of fresh) {
      for (let seq = expected; seq < event.seq && this.gaps.size < MAX_GAPS; seq++) this.gaps.set(seq, now);
      expected = event.seq + 1n;
      this.send(event);
    }
    if (fresh.length > 0) this.frontier = fresh[fresh.length - 1].seq;
    for (const [seq, since] of this.gaps) if (now - since > this.config.stream.gapWaitMs) this.gaps.delete(seq);
  }

  private send(event: StoredEvent): void {
    // Made once for all the clients it goes to, and only if one does.
    let message: string | undefined;
    const messageOf = () => (message ??= sseMessage(event));
    for (const client of this.clients) client.offer(event, messageOf);
  }
}
