import type { ClaimedDelivery } from './claimed-delivery';

/** What a transaction committing now may take in flight itself (see DeliveryHandOff). */
export interface HandOff {
  /** The lease its deliveries are written under, as a claim's would be. */
  readonly lease: string;
  readonly leaseMs: number;
  /** Deliveries taken per consumer at most: one batch. */
  readonly limit: number;
  readonly consumers: ReadonlySet<string>;
}

/**
 * The relay's shortcut for deliveries written in this process: a consumer idle here gets a new
 * delivery handed over as its transaction commits, instead of the claim that would fetch it back:
 * a round trip and a turn of the relay's loop saved on every hop of a flow. The delivery is
 * written in flight under a lease, as a claim leaves it, so a crash before it is handled loses
 * nothing: the lease runs out and it is claimed again.
 */
export interface DeliveryHandOff {
  /** Which of `consumers` may take their new deliveries over, and under what lease; undefined for none. */
  offerHandOff(consumers: readonly string[]): HandOff | undefined;
  /** Runs deliveries a committed transaction wrote in flight under `lease`, as if they had been claimed. */
  takeOver(lease: string, deliveries: readonly ClaimedDelivery[]): void;
}
