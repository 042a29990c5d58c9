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
import { newWorkerId } from '../../ids';
import { ConsumerRegistry } from '../consumer-registry';
import { OUTBOX_COMMITTED, OUTBOX_ORIGIN } from '../messaging.signals';
import { InProcessTransport } from '../transport/in-process.transport';
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
 * statement, a batch for every one of those with room (one batch in flight per consumer, up to
 * MESSAGING_WORKERS while its claims come back full: see hasRoom). Batches run in the background,
 * so a slow handler holds back no other consumer; a second claim may start while one runs, for the
 * consumers it does not cover, so a slow claim (a deep backlog) delays the others by at most the
 * one statement they shared. One statement for many consumers keeps claims few under load, which
 * is where the throughput is (measured: a claim per consumer cost a quarter of it). A finished
 * batch records its failures (one statement) and wakes the loop.
 */
@Injectable()
export class RelayService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(RelayService.name);
  readonly instanceId = newWorkerId();
  private readonly wakeup = new Wakeup();
  /** Consumers that may have ready deliveries, in the order they became so (round robin). */
  private readonly dirty = new Set<string>();
  /** How often each consumer was named dirty: a batch that ends knows whether anything came meanwhile. */
  private readonly dirtied = new Map<string, number>();
  /** Consumers with a claim running (at most one each), and the claims themselves with when they started. */
  private readonly claiming = new Set<string>();
  private readonly claims = new Map<Promise<void>, number>();
  private claimCount = 0;
  private readonly batchesInFlight = new Map<string, number>();
  /** Consumers whose last claim came back full: a backlog, which more than one batch in flight drains faster. */
  private readonly backlogged = new Set<string>();
  /**
   * The lease each delivery in flight is held under, for renewal. A lease is one claim's token,
   * not the instance: when a stuck batch's lease runs out and the delivery is claimed again, here
   * or elsewhere, the stuck batch can no longer finish, fail or release it.
   */
  private readonly leases = new Map<string, string>();
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
    /** Runs parked deliveries (a broker consumer's retries) here, whatever the transport. */
    private readonly local: InProcessTransport,
    private readonly metrics: MessagingMetrics,
    @Inject(OUTBOX_ORIGIN) private readonly origin: string,
  ) {}

  /** Batches each consumer may have in flight at once in this instance. */
  get workerCount(): number {
    return this.running ? this.batchesPerConsumer : 0;
  }

  /** True while the loop runs, has claimed (or tried to) recently, and no claim hangs. */
  get healthy(): boolean {
    const staleAfterMs = Math.max(this.config.messaging.pollIntervalMs * 4, this.config.messaging.leaseMs);
    const now = Date.now();
    const claimHangs = [...this.claims.values()].some((startedAt) => now - startedAt >= staleAfterMs);
    return this.running && now - this.lastHeartbeat < staleAfterMs && !claimHangs;
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
      this.listener = new OutboxListener(this.connection.url, (consumers) => this.markDirty(consumers), this.origin);
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
    // This run's parts, taken now: a start() during the waits below begins a run of its own.
    const { loop, listener, renewTimer } = this;
    this.listener = this.renewTimer = undefined;
    this.running = false;
    this.stopping.abort();
    this.wakeup.wake();
    await loop;
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, this.config.messaging.leaseMs)));
    const settled = async () => {
      await Promise.all(this.claims.keys());
      await Promise.all(this.batches);
    };
    await Promise.race([settled(), grace]);
    clearTimeout(timer);
    clearInterval(renewTimer);
    await listener?.stop();
  }

  /** Called after a local commit that wrote deliveries, naming their consumers: skip the wait for NOTIFY or the poll. */
  @OnEvent(OUTBOX_COMMITTED)
  onOutboxCommitted(consumers?: readonly string[]): void {
    this.markDirty(consumers);
  }

  /** The consumers this instance claims for now: the hosted ones (parked work), and those the transport can take. */
  private claimable(): string[] {
    return [...new Set([...this.registry.consumerNames(), ...this.transport.readyConsumers()])];
  }

  private markDirty(consumers: readonly string[] = this.claimable(), wake = true): void {
    for (const consumer of consumers) {
      this.dirty.add(consumer);
      this.dirtied.set(consumer, (this.dirtied.get(consumer) ?? 0) + 1);
    }
    if (wake) this.wakeup.wake();
  }

  /**
   * One batch in flight per consumer handled here, unless its last claim came back full: events
   * that arrive while a batch runs wait for it to end and go together in the next one, where a
   * batch of their own each would cost a transaction each. Only a backlog deeper than a batch
   * gains from batches side by side. Batches forwarded to a broker cost a wait for its confirms,
   * not a transaction, and keep the full room (one at a time, commit-to-handled p50 through
   * RabbitMQ rose from 67-68 to 81-86 ms).
   */
  private hasRoom(consumer: string): boolean {
    const forwarded = this.transport !== this.local;
    const room = forwarded || this.backlogged.has(consumer) ? this.batchesPerConsumer : 1;
    return (this.batchesInFlight.get(consumer) ?? 0) < room;
  }

  private async dispatch(): Promise<void> {
    const { pollIntervalMs } = this.config.messaging;
    while (this.running) {
      const consumers = this.claimable();
      // Every poll interval every consumer is looked at, however busy the process is: retries come
      // due, leases run out and other instances commit without a word when NOTIFY is off.
      if (Date.now() - this.lastScan >= pollIntervalMs) {
        this.lastScan = Date.now();
        this.markDirty(consumers, false);
        // Nothing to claim for while every consumer is busy: the loop is still alive.
        if (!consumers.some((consumer) => this.hasRoom(consumer))) this.lastHeartbeat = Date.now();
      }
      if (this.claims.size < this.claimLanes) {
        const ready = [...this.dirty].filter(
          (consumer) => consumers.includes(consumer) && !this.claiming.has(consumer) && this.hasRoom(consumer),
        );
        for (const consumer of ready) this.dirty.delete(consumer);
        if (ready.length > 0) this.claimFor(ready);
      }
      await this.wakeup.wait(Math.max(1, pollIntervalMs - (Date.now() - this.lastScan)));
    }
  }

  /** Claims a batch for each of `consumers` in the background and starts them; its end wakes the loop. */
  private claimFor(consumers: readonly string[]): void {
    const { batchSize, leaseMs } = this.config.messaging;
    const lease = `${this.instanceId}#${++this.claimCount}`;
    for (const consumer of consumers) this.claiming.add(consumer);
    // Taken before the statement starts: whatever is named after it may be missing from its snapshot.
    const dirtiedBefore = new Map(consumers.map((consumer) => [consumer, this.dirtied.get(consumer) ?? 0]));
    const routes = { hosted: this.registry.consumerNames(), fresh: this.transport.readyConsumers() };
    const claim = this.store
      .claim(consumers, batchSize, lease, leaseMs, routes)
      .then(async (claimed) => {
        this.lastHeartbeat = Date.now();
        const claimedPer = new Map<string, number>();
        for (const { consumer } of claimed) claimedPer.set(consumer, (claimedPer.get(consumer) ?? 0) + 1);
        for (const consumer of consumers) {
          if (claimedPer.get(consumer) !== batchSize) this.backlogged.delete(consumer);
          else {
            // A full claim suggests more are ready: claim again, with room for batches side by side.
            this.backlogged.add(consumer);
            this.dirty.add(consumer);
          }
        }
        if (claimed.length === 0) return;
        // Claimed while stopping: back to the queue, without counting the attempt.
        if (!this.running) return this.giveBack(claimed, lease);
        // One batch per consumer, and its parked deliveries apart: they run here, the others go to the transport.
        const batches = new Map<string, ClaimedDelivery[]>();
        for (const delivery of claimed) {
          const key = `${delivery.consumer}${delivery.parked ? ' parked' : ''}`;
          batches.set(key, [...(batches.get(key) ?? []), delivery]);
        }
        for (const batch of batches.values()) {
          const { consumer, parked } = batch[0];
          this.track(consumer, batch, lease, parked ? this.local : this.transport, dirtiedBefore.get(consumer)!);
        }
      })
      .catch((error: unknown) => {
        // Its consumers are looked at again on the next poll: a failing database is not hammered.
        if (this.running) this.logger.error(`Claiming deliveries failed: ${String(error)}`);
      })
      .finally(() => {
        for (const consumer of consumers) this.claiming.delete(consumer);
        this.claims.delete(claim);
        this.wakeup.wake();
      });
    this.claims.set(claim, Date.now());
  }

  private async giveBack(claimed: readonly ClaimedDelivery[], lease: string): Promise<void> {
    const ids = claimed.map(({ id }) => id);
    // If this fails, their lease runs out and they are claimed again, this attempt counted.
    await this.store
      .release(ids, lease)
      .catch((error: unknown) => this.logger.warn(`Giving back ${ids.length} deliveries failed: ${String(error)}`));
  }

  /**
   * Runs one consumer's batch in the background; its end frees a place and wakes the loop. It asks
   * for another claim only when one may find something: a delivery of one of its subjects waited
   * behind it, or the consumer was named dirty since the claim began (and what came may wait behind
   * this batch). Anything else stays ready for the claims those signals start, or for the poll: an
   * empty claim after every batch was two claims in five (measured at 80 payments/s).
   */
  private track(
    consumer: string,
    deliveries: readonly ClaimedDelivery[],
    lease: string,
    transport: MessageTransport,
    dirtiedBeforeClaim: number,
  ): void {
    this.batchesInFlight.set(consumer, (this.batchesInFlight.get(consumer) ?? 0) + 1);
    for (const { id } of deliveries) this.leases.set(id, lease);
    const batch = this.handle(consumer, deliveries, lease, transport)
      .catch((error: unknown) => {
        // The leases will run out and the deliveries be claimed again: nothing is lost.
        this.logger.error(`Handling a batch of ${consumer} failed: ${String(error)}`);
      })
      .finally(() => {
        this.batchesInFlight.set(consumer, this.batchesInFlight.get(consumer)! - 1);
        // Unless a newer claim here holds it now.
        for (const { id } of deliveries) if (this.leases.get(id) === lease) this.leases.delete(id);
        this.batches.delete(batch);
        // Its subjects' next events, if any, are now at the head of their queues; and room is free.
        const more = deliveries.some((d) => d.queuedBehind) || (this.dirtied.get(consumer) ?? 0) !== dirtiedBeforeClaim;
        if (more) this.markDirty([consumer]);
        else this.wakeup.wake();
      });
    this.batches.add(batch);
  }

  private async handle(
    consumer: string,
    deliveries: readonly ClaimedDelivery[],
    lease: string,
    transport: MessageTransport,
  ): Promise<void> {
    const { maxAttempts, backoffBaseMs, backoffMaxMs } = this.config.messaging;
    // Claimed more often than allowed means earlier attempts never finished: the process died
    // while handling it. Running it again could kill this one too.
    const exhausted = deliveries.filter((d) => d.attempts > maxAttempts);
    const runnable = deliveries.filter((d) => d.attempts <= maxAttempts);
    const outcomes: readonly DeliveryOutcome[] =
      runnable.length === 0
        ? []
        : await transport.deliver(consumer, runnable, lease, this.stopping.signal).catch((error: unknown) =>
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
        if (delivery.handledBefore) this.metrics.recordDuplicate(consumer);
        else this.metrics.recordDone(consumer, delivery.recordedAt, handledAt);
      } else if (outcome.status === 'forwarded') {
        this.metrics.recordForwarded(consumer);
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
    await Promise.all([this.store.markFailed(failures, lease), this.store.release(released, lease)]);
  }

  private async renewLeases(): Promise<void> {
    if (this.leases.size === 0) return;
    await this.store
      .renewLeases(this.leases, this.config.messaging.leaseMs)
      .catch((error: unknown) => this.logger.warn(`Renewing leases failed: ${String(error)}`));
  }
}
