import type { MessageOutcome } from '../consumer/consumer-runner';
import type { EventEnvelope } from '../integration-event';

/** A delivery of one event to one consumer, claimed under a lease by one relay worker. */
export interface ClaimedDelivery {
  readonly id: string;
  readonly consumer: string;
  /** Including this one: a delivery claimed more often than allowed was never finished (a crash). */
  readonly attempts: number;
  readonly event: EventEnvelope;
  /** The consumer's inbox already holds this event (a replay, or a retry after a lost answer): it is only finished. */
  readonly handledBefore: boolean;
  /** When the event's row was written, to measure commit-to-handled latency. */
  readonly recordedAt: Date;
  /** Parked here by a broker consumer (a retry, or queued behind one): handled in this process, never sent on. */
  readonly parked: boolean;
  /** Another delivery of its subject to its consumer waited behind it when it was claimed: it is next once this one ends. */
  readonly queuedBehind: boolean;
}

/** What became of a delivery: the consumer runner's outcome of its message, or sent on to a broker that confirmed it. */
export type DeliveryOutcome = MessageOutcome | { readonly id: string; readonly status: 'forwarded' };
