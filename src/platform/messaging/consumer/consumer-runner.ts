import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DatabaseConnection } from '../../database/database-connection';
import { UnitOfWork } from '../../database/unit-of-work';
import { RequestContext, type Cause, type TransactionScope } from '../../context/request-context';
import { DomainError } from '../../errors/domain-error';
import { ConsumerRegistry, type Consumer } from '../consumer-registry';
import type { EventEnvelope } from '../integration-event';
import { PermanentError } from '../permanent-error';
import { Semaphore, mapLimit } from './concurrency';
import { ConsumerTrace } from './consumer-tracing';

const MAX_ERROR_LENGTH = 2000;
/** Transactions one batch may run at once when its events are handled one by one. */
const PER_EVENT_CONCURRENCY = 8;

/** One event for one consumer, however it arrived (a claimed delivery, a broker message). */
export interface ConsumerMessage {
  /** The delivery's or the message's own id, echoed in its outcome. */
  readonly id: string;
  readonly event: EventEnvelope;
  /** The consumer's inbox already holds this event: it is only finished, not handled again. */
  readonly handledBefore: boolean;
  /** When the event committed to the outbox at its origin (the start of its wait, in traces). */
  readonly recordedAt: Date;
}

export type MessageOutcome =
  | { readonly id: string; readonly status: 'done' }
  | { readonly id: string; readonly status: 'failed'; readonly error: string; readonly permanent: boolean }
  /** Not attempted (the runner was stopping): to be given back without counting an attempt. */
  | { readonly id: string; readonly status: 'released' };

/**
 * Records, inside the batch's own transaction, that `messages` were handled: the inbox rows, and
 * whatever the transport keeps besides (the delivery rows it deletes). It commits with the effects.
 */
export type FinishBatch<M extends ConsumerMessage> = (manager: EntityManager, messages: readonly M[]) => Promise<void>;

/**
 * Runs a hosted consumer's handlers, for every transport: the in-process relay and the broker
 * consumer both hand their batches here. A batch is first handled in ONE transaction: the
 * handlers' writes and the events they publish (the outbox), then `finish` (the inbox). That is
 * where the throughput comes from. If anything in it fails, it rolls back and each event runs
 * again in a transaction of its own, so one bad event fails alone and the rest commit.
 *
 * A batch holds at most one event per subject (the caller's ordering rule). Consumers declared
 * `batched: false` always run one event per transaction: they lock rows that are not their
 * subject (a transfer's two balances), and in one long transaction two batches could each hold
 * what the other waits for.
 */
@Injectable()
export class ConsumerRunner {
  private readonly logger = new Logger(ConsumerRunner.name);
  // Consumer transactions take at most half the pool, so HTTP requests always find a connection
  // and no transaction waits long enough for the pool to give up on it.
  private readonly transactions: Semaphore;

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly registry: ConsumerRegistry,
    connection: DatabaseConnection,
  ) {
    this.transactions = new Semaphore(Math.max(1, Math.floor(connection.poolSize / 2)));
  }

  async run<M extends ConsumerMessage>(
    consumerName: string,
    messages: readonly M[],
    finish: FinishBatch<M>,
    signal?: AbortSignal,
  ): Promise<MessageOutcome[]> {
    const consumer = this.registry.get(consumerName);
    if (!consumer) {
      return messages.map((m) =>
        this.failed(m.id, new PermanentError(`No consumer "${consumerName}" in this process`)),
      );
    }
    if (consumer.batched && messages.length > 1) {
      try {
        // In one global order (the subject, or the consumer's order key), so that batches take their locks alike.
        const ordered = [...messages].sort((a, b) =>
          consumer.orderKey(a.event) < consumer.orderKey(b.event) ? -1 : 1,
        );
        const ran = await this.transaction(consumer, ordered, finish, signal);
        return messages.map((m) => ({ id: m.id, status: ran ? 'done' : 'released' }));
      } catch {
        // Which event failed, or whether it was only a lock conflict, is found out one by one.
      }
    }
    return mapLimit(messages, PER_EVENT_CONCURRENCY, async (message): Promise<MessageOutcome> => {
      try {
        const ran = await this.transaction(consumer, [message], finish, signal);
        return { id: message.id, status: ran ? 'done' : 'released' };
      } catch (error) {
        return RequestContext.isolated(causeOf(message.event), () => this.failed(message.id, error));
      }
    });
  }

  /**
   * Handles `messages` in one transaction, which also finishes them; throws if any handler does.
   * Returns false, having done nothing, when the caller stopped while the batch waited for its turn.
   */
  private async transaction<M extends ConsumerMessage>(
    consumer: Consumer,
    messages: readonly M[],
    finish: FinishBatch<M>,
    signal?: AbortSignal,
  ): Promise<boolean> {
    const release = await this.transactions.acquire();
    try {
      if (signal?.aborted) return false;
      const spans = ConsumerTrace.start(consumer.name, messages);
      try {
        // A transaction of its own, whatever context the caller runs in.
        await RequestContext.isolated({}, () =>
          this.unitOfWork.run(async (manager) => {
            const transaction = RequestContext.current().transaction!;
            for (const [index, message] of messages.entries()) {
              // Tracing off here, the event's own trace context still passes on to what it causes.
              const traceparent = spans ? spans.begin(index) : message.event.traceparent;
              if (message.handledBefore) continue;
              await this.invoke(consumer, message.event, transaction, traceparent);
              spans?.handled(index);
            }
            await finish(manager, messages);
          }),
        );
      } catch (error) {
        spans?.end({ error });
        throw error;
      }
      spans?.end();
    } finally {
      release();
    }
    return true;
  }

  /** Runs one handler in the batch's transaction, caused by (and correlated with) its event. */
  private async invoke(
    consumer: Consumer,
    event: EventEnvelope,
    transaction: TransactionScope,
    traceparent: string | undefined,
  ): Promise<void> {
    const handler = consumer.handlerFor(event.type);
    if (!handler) throw new PermanentError(`Consumer "${consumer.name}" does not handle "${event.type}"`);
    await RequestContext.isolated({ ...causeOf(event), traceparent, transaction }, async () => {
      await handler(event);
      this.logger.debug(`${consumer.name} handled ${event.type} ${event.id}`);
    });
  }

  private failed(id: string, error: unknown): MessageOutcome {
    // A domain error is a business refusal: the same event will be refused the same way next time.
    const permanent = error instanceof PermanentError || error instanceof DomainError;
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    if (!permanent) this.logger.warn(`Delivery ${id} failed: ${message}`);
    return { id, status: 'failed', permanent, error: message.slice(0, MAX_ERROR_LENGTH) };
  }
}

/** What an event's handling is caused by and correlated with: for the events it publishes and for log lines. */
function causeOf(event: EventEnvelope): Cause {
  return { correlationId: event.correlationId ?? event.id, causationId: event.id, traceparent: event.traceparent };
}
