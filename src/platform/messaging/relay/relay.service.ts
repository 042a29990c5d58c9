import { hostname } from 'node:os';
import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { platformConfig, type PlatformConfig } from '../../config/platform.config';
import { DatabaseConnection } from '../../database/database-connection';
import { newId } from '../../ids';
import { ConsumerRegistry } from '../consumer-registry';
import { OUTBOX_COMMITTED } from '../messaging.signals';
import { MESSAGE_TRANSPORT, type MessageTransport } from '../transport/message-transport';
import { retryDelayMs } from './backoff';
import type { ClaimedDelivery, DeliveryOutcome } from './claimed-delivery';
import { DeliveryStore, type DeliveryFailure } from './delivery-store';
import { MessagingMetrics } from './messaging-metrics';
import { OutboxListener } from './outbox-listener';
import { Wakeup } from './wakeup';

const CLAIM_LANES = 2;

/**
 * Moves events from the outbox to their consumers. One loop keeps track of which consumers may
 * have ready deliveries ("dirty": a commit in this process named them, a NOTIFY from another one or
 * the poll interval named all of them, one of their batches finished) and claims, in one
 * statement, a batch for every one of those with room (up to MESSAGING_WORKERS batches in flight
 * per consumer). Batches run in the background and a second claim may start while one runs, for
 * the consumers it does not cover, so consumers progress independently: a consumer with a deep
 * backlog or a slow handler never holds back another's fresh events. One statement for many
 * consumers keeps claims few under load, which is where the throughput is (measured: a claim per
 * consumer cost a quarter of it). A finished batch records its failures (one statement) and wakes
 * the loop.
 */
@Injectable()
export class RelayService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(RelayService.name);
  readonly instanceId = `${hostname()}:${process.pid}:${newId().slice(-8)}`;
  private readonly wakeup = new Wakeup();
  /** Consumers that may have ready deliveries, in the order they became so (round robin). */
  private readonly dirty = new Set<string>();
  /** Consumers with a claim running (at most one each), and the claims themselves. */
  private readonly claiming = new Set<string>();
  private readonly claims = new Set<Promise<void>>();
  private readonly batchesInFlight = new Map<string, number>();
  /**
   * Deliveries held by batches in flight, for lease renewal. Counted, not just listed: a delivery
   * whose lease ran out while its batch was stuck can be claimed again by a second batch here.
   */
  private readonly deliveriesInFlight = new Map<string, number>();
  private readonly batches = new Set<Promise<void>>();
  /** Aborted on stop: batches not started by then come back to the queue at once. */
  private stopping = new AbortController();
  private loop?: Promise<void>;
  private listener?: OutboxListener;
  private renewTimer?: NodeJS.Timeout;
  private running = false;
  private lastHeartbeat = 0;
  private lastScan = 0;

  constructor(
    @Inject(platformConfig.KEY) private readonly config: PlatformConfig,
    private readonly connection: DatabaseConnection,
    private readonly registry: ConsumerRegistry,
    private readonly store: DeliveryStore,
    @Inject(MESSAGE_TRANSPORT) private readonly transport: MessageTransport,
    private readonly metrics: MessagingMetrics,
  ) {}

  /** Batches each consumer may have in flight at once in this instance. */
  get workerCount(): number {
    return this.running ? this.batchesPerConsumer : 0;
  }

  /** True while the loop runs and has claimed (or tried to) recently. */
  get healthy(): boolean {
    const staleAfterMs = Math.max(this.config.messaging.pollIntervalMs * 4, this.config.messaging.leaseMs);
    return this.running && Date.now() - this.lastHeartbeat < staleAfterMs;
  }

  get isRunning(): boolean {
    return this.running;
  }

  private get batchesPerConsumer(): number {
    // The embedded database is one session: more would only queue on it.
    return this.connection.isEmbedded ? 1 : this.config.messaging.workers;
  }

  /**
   * Claim statements running at once. One claim serves every consumer with work and room; a
   * second lane lets the consumers it does not cover go ahead while a slow one (a deep backlog)
   * is still running.
   */
  private get claimLanes(): number {
    return this.connection.isEmbedded ? 1 : CLAIM_LANES;
  }

  onApplicationBootstrap(): void {
    if (this.config.messaging.relayEnabled) this.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.stopping = new AbortController();
    this.lastHeartbeat = Date.now();
    this.lastScan = 0;
    this.loop = this.dispatch();
    if (this.config.messaging.notify && !this.connection.isEmbedded) {
      this.listener = new OutboxListener(this.connection.url, () => this.markDirty());
      this.listener.start();
    }
    this.renewTimer = setInterval(() => void this.renewLeases(), Math.floor(this.config.messaging.leaseMs / 3));
    const consumers = this.registry.consumerNames().length;
    this.logger.log(
      `Relay started for ${consumers} consumers, up to ${this.batchesPerConsumer} batches in flight each`,
    );
  }

  /**
   * Stops claiming. Batches already running may finish, for at most the lease (one stuck longer is
   * abandoned and another instance takes it over when its lease runs out); work claimed but not
   * started goes back to the queue at once.
   */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.stopping.abort();
    this.wakeup.wake();
    await this.loop;
    await Promise.all(this.claims);
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, this.config.messaging.leaseMs)));
    await Promise.race([Promise.all(this.batches), grace]);
    clearTimeout(timer);
    clearInterval(this.renewTimer);
    await this.listener?.stop();
    this.listener = undefined;
  }

  /** Called after a local commit that wrote deliveries, naming their consumers: skip the wait for NOTIFY or the poll. */
  @OnEvent(OUTBOX_COMMITTED)
  onOutboxCommitted(consumers?: readonly string[]): void {
    this.markDirty(consumers);
  }

  private markDirty(consumers: readonly string[] = this.registry.consumerNames()): void {
    for (const consumer of consumers) this.dirty.add(consumer);
    this.wakeup.wake();
  }

  private hasRoom(consumer: string): boolean {
    return (this.batchesInFlight.get(consumer) ?? 0) < this.batchesPerConsumer;
  }

  private async dispatch(): Promise<void> {
    const consumers = this.registry.consumerNames();
    const { pollIntervalMs } = this.config.messaging;
    while (this.running) {
      // Every poll interval every consumer is looked at, however busy the process is: retries come
      // due, leases run out and other instances commit without a word when NOTIFY is off.
      if (Date.now() - this.lastScan >= pollIntervalMs) {
        this.lastScan = Date.now();
        for (const consumer of consumers) this.dirty.add(consumer);
        // Nothing to claim for while every consumer is busy: the loop is still alive.
        if (!consumers.some((consumer) => this.hasRoom(consumer))) this.lastHeartbeat = Date.now();
      }
      if (this.claims.size < this.claimLanes) {
        const ready = [...this.dirty].filter((consumer) => !this.claiming.has(consumer) && this.hasRoom(consumer));
        for (const consumer of ready) this.dirty.delete(consumer);
        if (ready.length > 0) this.claimFor(ready);
      }
      await this.wakeup.wait(Math.max(1, pollIntervalMs - (Date.now() - this.lastScan)));
    }
  }

  /** Claims a batch for each of `consumers` in the background and starts them; its end wakes the loop. */
  private claimFor(consumers: readonly string[]): void {
    const { batchSize, leaseMs } = this.config.messaging;
    for (const consumer of consumers) this.claiming.add(consumer);
    const claim = this.store
      .claim(consumers, batchSize, this.instanceId, leaseMs)
      .then(async (claimed) => {
        this.lastHeartbeat = Date.now();
        if (claimed.length === 0) return;
        // Claimed while stopping: back to the queue, without counting the attempt.
        if (!this.running)
          return this.store.release(
            claimed.map(({ id }) => id),
            this.instanceId,
          );
        const byConsumer = new Map<string, ClaimedDelivery[]>();
        for (const delivery of claimed) {
          const batch = byConsumer.get(delivery.consumer) ?? [];
          byConsumer.set(delivery.consumer, [...batch, delivery]);
        }
        for (const [consumer, batch] of byConsumer) {
          // A full batch suggests more are ready.
          if (batch.length === batchSize) this.dirty.add(consumer);
          this.track(consumer, batch);
        }
      })
      .catch((error: unknown) => {
        if (this.running) this.logger.error(`Claiming deliveries failed: ${String(error)}`);
      })
      .finally(() => {
        for (const consumer of consumers) this.claiming.delete(consumer);
        this.claims.delete(claim);
        this.wakeup.wake();
      });
    this.claims.add(claim);
  }

  /** Runs one consumer's batch in the background; its end frees a place and wakes the loop. */
  private track(consumer: string, deliveries: readonly ClaimedDelivery[]): void {
    this.batchesInFlight.set(consumer, (this.batchesInFlight.get(consumer) ?? 0) + 1);
    for (const { id } of deliveries) this.deliveriesInFlight.set(id, (this.deliveriesInFlight.get(id) ?? 0) + 1);
    const batch = this.handle(consumer, deliveries)
      .catch((error: unknown) => {
        // The leases will run out and the deliveries be claimed again: nothing is lost.
        this.logger.error(`Handling a batch of ${consumer} failed: ${String(error)}`);
      })
      .finally(() => {
        this.batchesInFlight.set(consumer, this.batchesInFlight.get(consumer)! - 1);
        for (const { id } of deliveries) {
          const holders = this.deliveriesInFlight.get(id)! - 1;
          if (holders === 0) this.deliveriesInFlight.delete(id);
          else this.deliveriesInFlight.set(id, holders);
        }
        this.batches.delete(batch);
        // Its subjects' next events are now at the head of their queues.
        this.markDirty([consumer]);
      });
    this.batches.add(batch);
  }

  private async handle(consumer: string, deliveries: readonly ClaimedDelivery[]): Promise<void> {
    const { maxAttempts, backoffBaseMs, backoffMaxMs } = this.config.messaging;
    const worker = this.instanceId;
    // Claimed more often than allowed means earlier attempts never finished: the process died
    // while handling it. Running it again could kill this one too.
    const exhausted = deliveries.filter((d) => d.attempts > maxAttempts);
    const runnable = deliveries.filter((d) => d.attempts <= maxAttempts);
    const outcomes: readonly DeliveryOutcome[] =
      runnable.length === 0
        ? []
        : await this.transport.deliver(consumer, runnable, worker, this.stopping.signal).catch((error: unknown) =>
            runnable.map((d): DeliveryOutcome => ({
              id: d.id,
              status: 'failed',
              permanent: false,
              error: String(error),
            })),
          );

    const byId = new Map(deliveries.map((d) => [d.id, d]));
    const handledAt = Date.now();
    const failures: DeliveryFailure[] = exhausted.map((d) => ({
      id: d.id,
      dead: true,
      retryInMs: 0,
      error: `Gave up: attempt ${d.attempts - 1} never finished (the process may have crashed while handling it)`,
    }));
    const released: string[] = [];
    for (const outcome of outcomes) {
      const delivery = byId.get(outcome.id)!;
      if (outcome.status === 'done') {
        this.metrics.recordDone(consumer, delivery.recordedAt, handledAt);
      } else if (outcome.status === 'released') {
        released.push(outcome.id);
      } else {
        const dead = outcome.permanent || delivery.attempts >= maxAttempts;
        failures.push({
          id: outcome.id,
          dead,
          retryInMs: dead ? 0 : retryDelayMs(delivery.attempts, { baseMs: backoffBaseMs, maxMs: backoffMaxMs }),
          error: outcome.error,
        });
      }
    }
    for (const failure of failures) this.metrics.recordFailed(consumer, failure.dead);
    await Promise.all([this.store.markFailed(failures, worker), this.store.release(released, worker)]);
  }

  private async renewLeases(): Promise<void> {
    if (this.deliveriesInFlight.size === 0) return;
    await this.store
      .renewLeases([...this.deliveriesInFlight.keys()], this.instanceId, this.config.messaging.leaseMs)
      .catch((error: unknown) => this.logger.warn(`Renewing leases failed: ${String(error)}`));
  }
}
