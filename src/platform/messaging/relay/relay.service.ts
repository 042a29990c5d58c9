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
 * Moves events from the outbox to their consumers. Each worker loops: claim a batch of ready
 * deliveries (one statement), hand each consumer's share to the transport (one transaction per
 * consumer), record the failures (one statement). Idle workers sleep until a commit in this
 * process, a NOTIFY from another one, or the poll interval.
 */
@Injectable()
export class RelayService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(RelayService.name);
  readonly instanceId = `${hostname()}:${process.pid}:${newId().slice(-8)}`;
  private readonly wakeup = new Wakeup();
  private readonly inFlight = new Map<string, ReadonlySet<string>>();
  private workers: Array<Promise<void>> = [];
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

  get workerCount(): number {
    return this.workers.length;
  }

  /** True while the workers run and one of them has claimed (or tried to) recently. */
  get healthy(): boolean {
    const staleAfterMs = Math.max(this.config.messaging.pollIntervalMs * 4, this.config.messaging.leaseMs);
    return this.running && Date.now() - this.lastHeartbeat < staleAfterMs;
  }

  get isRunning(): boolean {
    return this.running;
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
    // The embedded database is one session: more workers would only queue on it.
    const count = this.connection.isEmbedded ? 1 : this.config.messaging.workers;
    this.workers = Array.from({ length: count }, (_, i) => this.work(`${this.instanceId}/${i}`));
    if (this.config.messaging.notify && !this.connection.isEmbedded) {
      this.listener = new OutboxListener(this.connection.url, () => this.wakeup.wake());
      this.listener.start();
    }
    const leaseMs = this.config.messaging.leaseMs;
    this.renewTimer = setInterval(() => void this.renewLeases(), Math.floor(leaseMs / 3));
    this.logger.log(`Relay started: ${count} workers for ${this.registry.consumerNames().length} consumers`);
  }

  /**
   * Stops claiming and lets the batches in hand finish, for at most the lease: a batch stuck
   * longer is abandoned, and another instance takes it over when its lease runs out.
   */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    for (let i = 0; i < this.workers.length; i++) this.wakeup.wake();
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, this.config.messaging.leaseMs)));
    await Promise.race([Promise.all(this.workers), grace]);
    clearTimeout(timer);
    this.workers = [];
    clearInterval(this.renewTimer);
    await this.listener?.stop();
    this.listener = undefined;
  }

  /** Called after a local commit that wrote deliveries: skip the wait for NOTIFY or the next poll. */
  @OnEvent(OUTBOX_COMMITTED)
  onOutboxCommitted(): void {
    this.wakeup.wake();
  }

  private async work(worker: string): Promise<void> {
    const consumers = this.registry.consumerNames();
    const { batchSize, leaseMs, pollIntervalMs } = this.config.messaging;
    while (this.running) {
      let batch: ClaimedDelivery[];
      try {
        batch = await this.store.claim(consumers, batchSize, worker, leaseMs);
        this.lastHeartbeat = Date.now();
      } catch (error) {
        if (this.running) this.logger.error(`Claiming deliveries failed: ${String(error)}`);
        await this.wakeup.wait(pollIntervalMs);
        continue;
      }
      if (batch.length === 0) {
        await this.wakeup.wait(pollIntervalMs);
        continue;
      }
      try {
        await this.handle(batch, worker);
      } catch (error) {
        // The leases will expire and the deliveries be claimed again: nothing is lost.
        this.logger.error(`Handling a batch failed: ${String(error)}`);
      }
      this.lastHeartbeat = Date.now();
    }
  }

  private async handle(batch: readonly ClaimedDelivery[], worker: string): Promise<void> {
    const { maxAttempts, backoffBaseMs, backoffMaxMs } = this.config.messaging;
    const attemptsById = new Map(batch.map((d) => [d.id, d]));
    // Claimed more often than allowed means earlier attempts never finished: the process died
    // while handling it. Running it again could kill this one too.
    const exhausted = batch.filter((d) => d.attempts > maxAttempts);
    const runnable = batch.filter((d) => d.attempts <= maxAttempts);

    const byConsumer = new Map<string, ClaimedDelivery[]>();
    for (const delivery of runnable)
      byConsumer.set(delivery.consumer, [...(byConsumer.get(delivery.consumer) ?? []), delivery]);

    this.inFlight.set(worker, new Set(runnable.map((d) => d.id)));
    let outcomes: DeliveryOutcome[];
    try {
      const results = await Promise.all(
        [...byConsumer].map(([consumer, deliveries]) =>
          this.transport.deliver(consumer, deliveries, worker).catch((error: unknown) =>
            deliveries.map((d): DeliveryOutcome => ({
              id: d.id,
              status: 'failed',
              permanent: false,
              error: String(error),
            })),
          ),
        ),
      );
      outcomes = results.flat();
    } finally {
      this.inFlight.delete(worker);
    }

    const handledAt = Date.now();
    const failures: DeliveryFailure[] = exhausted.map((d) => ({
      id: d.id,
      dead: true,
      retryInMs: 0,
      error: `Gave up: attempt ${d.attempts - 1} never finished (the process may have crashed while handling it)`,
    }));
    const released: string[] = [];
    for (const outcome of outcomes) {
      const delivery = attemptsById.get(outcome.id)!;
      if (outcome.status === 'done') {
        this.metrics.recordDone(delivery.consumer, delivery.recordedAt, handledAt);
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
    for (const failure of failures) this.metrics.recordFailed(attemptsById.get(failure.id)!.consumer, failure.dead);
    await Promise.all([this.store.markFailed(failures, worker), this.store.release(released, worker)]);
  }

  private async renewLeases(): Promise<void> {
    for (const [worker, ids] of this.inFlight) {
      await this.store.renewLeases([...ids], worker, this.config.messaging.leaseMs).catch((error: unknown) => {
        this.logger.warn(`Renewing leases failed: ${String(error)}`);
      });
    }
  }
}
