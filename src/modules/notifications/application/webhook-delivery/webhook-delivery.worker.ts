import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { newWorkerId } from '../../../../platform/ids';
import { Wakeup } from '../../../../platform/messaging';
import { maxAttempts, nextStep, type AttemptOutcome, type RetryPolicy } from '../../domain/retry-schedule';
import { signingSecrets } from '../../domain/webhook-signature';
import { type ClaimedMessage, WebhookMessageRepository } from '../../infrastructure/webhook-message.repository';
import { DeliveryInterruptedError, WebhookSender } from '../../infrastructure/webhook-sender';
import { notificationsConfig, type NotificationsConfig } from '../../notifications.config';
import { WEBHOOK_MESSAGES_DUE } from './webhook-delivery.signals';

/** How long a stopping worker waits for interrupted deliveries to hand their messages back. */
const RELEASE_WAIT_MS = 2_000;

/**
 * Sends webhook messages, away from the event consumers: a slow or dead receiver holds up only
 * its own message. One loop claims as many due messages as there are free delivery slots, each
 * delivery runs on its own, and a finished one frees its slot. The loop sleeps until a commit
 * queues messages in this process, a slot frees, a retry it scheduled falls due, or the poll interval
 * (which is how it hears of messages queued by other instances).
 */
@Injectable()
export class WebhookDeliveryWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(WebhookDeliveryWorker.name);
  private readonly workerId = newWorkerId();
  private readonly wakeup = new Wakeup();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly policy: RetryPolicy;
  private interrupt = new AbortController();
  private loop?: Promise<void>;
  private running = false;

  constructor(
    @Inject(notificationsConfig.KEY) private readonly config: NotificationsConfig,
    private readonly messages: WebhookMessageRepository,
    private readonly sender: WebhookSender,
  ) {
    this.policy = { delaysMs: config.webhooks.retryScheduleMs };
  }

  onApplicationBootstrap(): void {
    if (this.config.webhooks.deliveryEnabled) this.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.interrupt = new AbortController();
    this.loop = this.run();
  }

  /**
   * Stops claiming, and gives the deliveries in flight the grace period to finish. Those still
   * out after it are interrupted and their messages handed back, due now and with the attempt
   * uncounted, for another instance (or the next start) to send again, with the same id.
   */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.wakeup.wake();
    await this.loop;
    if (!(await settlesWithin(Promise.all(this.inFlight), this.config.webhooks.shutdownGraceMs))) {
      this.logger.warn(`Interrupting ${this.inFlight.size} webhook deliveries still in flight`);
      this.interrupt.abort();
      await settlesWithin(Promise.all(this.inFlight), RELEASE_WAIT_MS);
    }
  }

  @OnEvent(WEBHOOK_MESSAGES_DUE)
  wake(): void {
    this.wakeup.wake();
  }

  private async run(): Promise<void> {
    const { concurrency, maxInFlightPerEndpoint, leaseMs, pollIntervalMs } = this.config.webhooks;
    while (this.running) {
      const free = concurrency - this.inFlight.size;
      if (free > 0) {
        let claimed: ClaimedMessage[] = [];
        try {
          claimed = await this.messages.claim(free, maxInFlightPerEndpoint, this.workerId, leaseMs);
        } catch (error) {
          if (this.running) this.logger.error(`Claiming webhook messages failed: ${String(error)}`);
        }
        for (const message of claimed) this.track(this.deliver(message));
        // A full claim may have left more behind: claim again as soon as a slot frees.
        if (claimed.length === free) continue;
      }
      await this.wakeup.wait(pollIntervalMs);
    }
  }

  private track(delivery: Promise<void>): void {
    this.inFlight.add(delivery);
    void delivery.finally(() => {
      this.inFlight.delete(delivery);
      this.wakeup.wake();
    });
  }

  private async deliver(message: ClaimedMessage): Promise<void> {
    try {
      if (message.attempt > maxAttempts(this.policy)) {
        // Claimed more often than allowed: earlier attempts never finished, the process died while sending.
        await this.messages.giveUp(message, this.workerId, 'Gave up: the last attempt never finished');
        return;
      }
      const attemptedAt = new Date();
      const started = performance.now();
      let outcome: AttemptOutcome;
      try {
        outcome = await this.sender.send(
          {
            messageId: message.id,
            url: message.url,
            body: message.body,
            secrets: signingSecrets(message.secrets, attemptedAt),
          },
          this.interrupt.signal,
        );
      } catch (error) {
        if (error instanceof DeliveryInterruptedError) {
          await this.messages.release(message, this.workerId);
          return;
        }
        throw error;
      }
      const durationMs = Math.round(performance.now() - started);
      const next = nextStep(outcome, message.attempt, this.policy);
      await this.messages.recordAttempt(
        message,
        this.workerId,
        {
          attemptedAt,
          durationMs,
          statusCode: outcome.kind === 'response' ? outcome.statusCode : null,
          error:
            outcome.kind === 'error' ? outcome.error : outcome.statusCode >= 300 ? `HTTP ${outcome.statusCode}` : null,
        },
        next,
      );
      if (next.status === 'pending') this.wakeAfter(next.retryInMs);
    } catch (error) {
      // Nothing is lost: the lease runs out and the message is claimed again.
      this.logger.error(`Delivering webhook message ${message.id} failed: ${String(error)}`);
    }
  }

  /** A retry due before the next poll wakes the loop itself, so short schedules (tests) are kept. */
  private wakeAfter(delayMs: number): void {
    if (!this.running || delayMs >= this.config.webhooks.pollIntervalMs) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.wakeup.wake();
    }, delayMs);
    this.timers.add(timer);
  }
}

async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([promise.then(() => true as const), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
