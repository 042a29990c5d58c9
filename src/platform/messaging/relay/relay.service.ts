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

/**
 * Moves events from the outbox to their consumers. One loop claims, in one statement, a batch for
 * every consumer that has room (up to MESSAGING_WORKERS batches in flight per consumer), and hands
 * each consumer's batch to the transport without waiting for it: consumers progress independently,
 * so a slow or backlogged consumer never holds back another's fresh events. A finished batch
 * records its failures (one statement) and wakes the loop. Idle, the loop sleeps until a commit in
 * this process, a NOTIFY from another one, or the poll interval.
 */
@Injectable()
export class RelayService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(RelayService.name);
  readonly instanceId = `${hostname()}:${process.pid}:${newId().slice(-8)}`;
  private readonly wakeup = new Wakeup();
  /** Batches in flight per consumer, and every delivery they hold (for lease renewal). */
  private readonly batchesInFlight = new Map<string, number>();
  private readonly deliveriesInFlight = new Set<string>();
  private readonly batches = new Set<Promise<void>>();
  private loop?: Promise<void>;
  private listener?: OutboxListener;
  private renewTimer?: NodeJS.Timeout;
  private running = false;
  private lastHeartbeat = 0;

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

  onApplicationBootstrap(): void {
    if (this.config.messaging.relayEnabled) this.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.lastHeartbeat = Date.now();
    this.loop = this.dispatch();
    if (this.config.messaging.notify && !this.connection.isEmbedded) {
      this.listener = new OutboxListener(this.connection.url, () => this.wakeup.wake());
      this.listener.start();
    }
    this.renewTimer = setInterval(() => void this.renewLeases(), Math.floor(this.config.messaging.leaseMs / 3));
    const consumers = this.registry.consumerNames().length;
    this.logger.log(
      `Relay started for ${consumers} consumers, up to ${this.batchesPerConsumer} batches in flight each`,
    );
  }

  /**
   * Stops claiming and lets the batches in hand finish, for at most the lease: a batch stuck
   * longer is abandoned, and another instance takes it over when its lease runs out.
   */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wakeup.wake();
    await this.loop;
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, this.config.messaging.leaseMs)));
    await Promise.race([Promise.all(this.batches), grace]);
    clearTimeout(timer);
    clearInterval(this.renewTimer);
    await this.listener?.stop();
    this.listener = undefined;
  }

  /** Called after a local commit that wrote deliveries: skip the wait for NOTIFY or the next poll. */
  @OnEvent(OUTBOX_COMMITTED)
  onOutboxCommitted(): void {
    this.wakeup.wake();
  }

  private async dispatch(): Promise<void> {
    const consumers = this.registry.consumerNames();
    const { batchSize, leaseMs, pollIntervalMs } = this.config.messaging;
    while (this.running) {
      const withRoom = consumers.filter(
        (consumer) => (this.batchesInFlight.get(consumer) ?? 0) < this.batchesPerConsumer,
      );
      let claimed: ClaimedDelivery[] = [];
      if (withRoom.length > 0) {
        try {
          claimed = await this.store.claim(withRoom, batchSize, this.instanceId, leaseMs);
          this.lastHeartbeat = Date.now();
        } catch (error) {
          if (this.running) this.logger.error(`Claiming deliveries failed: ${String(error)}`);
        }
      } else {
        this.lastHeartbeat = Date.now();
      }
      if (claimed.length === 0) {
        await this.wakeup.wait(pollIntervalMs);
        continue;
      }
      const byConsumer = new Map<string, ClaimedDelivery[]>();
      for (const delivery of claimed)
        byConsumer.set(delivery.consumer, [...(byConsumer.get(delivery.consumer) ?? []), delivery]);
      for (const [consumer, deliveries] of byConsumer) this.track(consumer, deliveries);
    }
  }

  /** Runs one consumer's batch in the background; its end frees a place and wakes the loop. */
  private track(consumer: string, deliveries: readonly ClaimedDelivery[]): void {
    this.batchesInFlight.set(consumer, (this.batchesInFlight.get(consumer) ?? 0) + 1);
    for (const delivery of deliveries) this.deliveriesInFlight.add(delivery.id);
    const batch = this.handle(consumer, deliveries)
      .catch((error: unknown) => {
        // The leases will run out and the deliveries be claimed again: nothing is lost.
        this.logger.error(`Handling a batch of ${consumer} failed: ${String(error)}`);
      })
      .finally(() => {
        this.batchesInFlight.set(consumer, this.batchesInFlight.get(consumer)! - 1);
        for (const delivery of deliveries) this.deliveriesInFlight.delete(delivery.id);
        this.batches.delete(batch);
        this.wakeup.wake();
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
        : await this.transport.deliver(consumer, runnable, worker).catch((error: unknown) =>
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
      .renewLeases([...this.deliveriesInFlight], this.instanceId, this.config.messaging.leaseMs)
      .catch((error: unknown) => this.logger.warn(`Renewing leases failed: ${String(error)}`));
  }
}
