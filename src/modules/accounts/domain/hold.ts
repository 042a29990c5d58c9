import type { TransferFailureReason } from '../contracts/transfer-events';
import { canCredit, type AccountSnapshot } from './account';
import { decideTransfer, refuseInactive, type TransferAsk, type TransferDecision } from './transfer-decision';

/** A hold is open until it is settled once: captured (in part or in full) or released. */
export type HoldStatus = 'open' | 'captured' | 'released';

export type CaptureDecision =
  | { readonly ok: true; readonly captured: number; readonly released: number }
  | { readonly ok: false; readonly reason: TransferFailureReason; readonly message: string };

/**
 * Whether a hold may be placed: every check of a transfer (both accounts, the source's owner
 * when one is asked for, the currency, the source's available funds), and room on the source's held balance (`held`, undefined when the
 * source does not exist), which stays within what JSON carries exactly.
 */
export function decideHold(
  ask: TransferAsk,
  source: Parameters<typeof decideTransfer>[1],
  destination: AccountSnapshot | undefined,
  held: AccountSnapshot | undefined,
  now: Date,
): TransferDecision {
  const decision = decideTransfer(ask, source, destination, now);
  if (!decision.ok || !held || canCredit(held, ask.amount)) return decision;
  return { ok: false, reason: 'INSUFFICIENT_FUNDS', message: `Source account ${ask.sourceAccountId} cannot hold more` };
}

/**
 * Whether `amount` of an open hold of `held` may be captured now, given both accounts as locked
 * in this transaction. The money is reserved already, so the source's funds are not checked again;
 * but both accounts must still be active (a freeze stops money going in or out) and the
 * destination able to take it. The rest of the hold goes back to the source.
 */
export function decideCapture(
  held: number,
  amount: number,
  source: AccountSnapshot,
  destination: AccountSnapshot | undefined,
): CaptureDecision {
  if (!destination)
    return { ok: false, reason: 'ACCOUNT_NOT_FOUND', message: 'The destination account does not exist' };
  const inactive = refuseInactive(source, destination);
  if (inactive) return inactive;
  if (!canCredit(destination, amount)) {
    return {
      ok: false,
      reason: 'INSUFFICIENT_FUNDS',
      message: `Destination account ${destination.id} cannot hold more`,
    };
  }
  return { ok: true, captured: amount, released: held - amount };
}

/** A capture asks for a positive amount no larger than the hold; anything else breaks the contract. */
export function isCapturable(held: number, amount: number): boolean {
  return Number.isSafeInteger(amount) && amount > 0 && amount <= held;
}

export interface HoldIntegrityReport {
  readonly holdsChecked: number;
  /** Open holds that do not belong to exactly one payment, or whose money is not on their account's held balance. */
  readonly strayHolds: Array<{ holdId: string; reference: string }>;
  /** Held balances that differ from the sum of their account's open holds. */
  readonly heldBalanceMismatches: Array<{ accountId: string; heldBalance: number; openHolds: number }>;
  /** Holds whose journals are not one hold and at most one settlement: released or captured twice, or settled while open. */
  readonly holdsReleasedTwice: Array<{
    holdId: string;
    status: HoldStatus;
    holdJournals: number;
    captureJournals: number;
    releaseJournals: number;
  }>;
}
