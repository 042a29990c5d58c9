import type { HoldReleaseRequestReason } from '../contracts/transfer-request-events';
import type { TransferFailureReason } from '../../accounts/contracts/transfer-events';
import type { RiskDecision } from '../../risk/contracts/risk-events';
import type { PaymentFailureCode } from '../contracts/payment-events';
import {
  CaptureExceedsAuthorizedError,
  PaymentNotCancelableError,
  PaymentNotCapturableError,
  PaymentNotRefundableError,
  RefundExceedsRemainingError,
} from './payments.errors';
import { assertTransition, isTerminal, type PaymentStatus } from './payment-status';

/** `automatic` moves the money once risk approves; `manual` holds it, to be captured later (or voided). */
export type CaptureMethod = 'automatic' | 'manual';
export const CAPTURE_METHODS: readonly CaptureMethod[] = ['automatic', 'manual'];

/** What the rules need to know about a payment. */
export interface PaymentSnapshot {
  readonly id: string;
  readonly status: PaymentStatus;
  readonly amount: number;
  readonly currency: string;
  readonly expiresAt: Date;
  readonly captureMethod: CaptureMethod;
  /** When accounts placed the hold (manual capture); null before. */
  readonly authorizedAt: Date | null;
  readonly captureBefore: Date | null;
  readonly amountCapturable: number;
  readonly amountCaptured: number;
}

/** What a transition sets besides the status. */
export interface PaymentChanges {
  readonly amountCapturable?: number;
  readonly amountCaptured?: number;
  readonly authorizedAt?: Date;
  readonly captureBefore?: Date;
  readonly expiresAt?: Date;
}

/** A change of status, with the failure it records when the payment fails or expires. */
export interface Transition {
  readonly to: PaymentStatus;
  readonly failureCode?: PaymentFailureCode;
  readonly failureMessage?: string;
  readonly changes?: PaymentChanges;
  /** requires_capture → processing: how much to capture (the rest of the hold is released). */
  readonly captureAmount?: number;
}

const EXPIRED: Transition = {
  to: 'expired',
  failureCode: 'EXPIRED',
  failureMessage: 'The payment did not complete within its time to live',
};

const NOT_CAPTURED: Transition = {
  to: 'expired',
  failureCode: 'EXPIRED',
  failureMessage: 'The payment was not captured before its captureBefore: the hold was voided',
  changes: { amountCapturable: 0 },
};

function move(payment: PaymentSnapshot, transition: Transition): Transition {
  assertTransition(payment.status, transition.to);
  return transition;
}

/**
 * Risk has assessed the payment. Only a pending payment moves; anything else (canceled meanwhile,
 * a duplicate) is left as it is. Past its time to live, it expires instead of moving money.
 */
export function onRiskAssessed(payment: PaymentSnapshot, decision: RiskDecision, now: Date): Transition | null {
  if (payment.status !== 'pending') return null;
  if (now > payment.expiresAt) return move(payment, EXPIRED);
  switch (decision) {
    case 'approve':
      return move(payment, { to: 'processing' });
    case 'review':
      return move(payment, { to: 'requires_review' });
    case 'reject':
      return move(payment, {
        to: 'failed',
        failureCode: 'RISK_REJECTED',
        failureMessage: 'The payment was rejected by risk checks',
      });
  }
}

/** A person decided a payment held for review. */
export function onReviewDecided(
  payment: PaymentSnapshot,
  decision: 'approve' | 'reject',
  now: Date,
): Transition | null {
  if (payment.status !== 'requires_review') return null;
  if (now > payment.expiresAt) return move(payment, EXPIRED);
  return decision === 'approve'
    ? move(payment, { to: 'processing' })
    : move(payment, {
        to: 'failed',
        failureCode: 'RISK_REJECTED',
        failureMessage: 'The payment was rejected on review',
      });
}

/**
 * Accounts answered the payment's transfer. Money that moved always wins: the payment succeeds,
 * whatever the clock says. A transfer refused for being late ends the payment as expired.
 */
export function onTransferSettled(
  payment: PaymentSnapshot,
  outcome: { ok: true } | { ok: false; reason: TransferFailureReason; message: string },
): Transition | null {
  if (!awaitingAccounts(payment)) return null;
  if (outcome.ok) {
    // A manual payment's money is held, never transferred: its answer is transfer.held.
    if (payment.captureMethod === 'manual') return null;
    return move(payment, { to: 'succeeded', changes: { amountCaptured: payment.amount } });
  }
  if (outcome.reason === 'EXPIRED') return move(payment, EXPIRED);
  return move(payment, { to: 'failed', failureCode: outcome.reason, failureMessage: outcome.message });
}

/** Processing, with the transfer or the hold asked for and not yet answered. */
function awaitingAccounts(payment: PaymentSnapshot): boolean {
  return payment.status === 'processing' && payment.authorizedAt === null;
}

/** Processing, with the capture of its hold asked for. */
function capturing(payment: PaymentSnapshot): boolean {
  return payment.status === 'processing' && payment.authorizedAt !== null;
}

/**
 * Accounts placed the hold of a manual payment: it waits for its capture until `captureBefore`
 * (now + the capture window), which is also when it expires if not captured.
 */
export function onHoldPlaced(payment: PaymentSnapshot, now: Date, captureWindowSeconds: number): Transition | null {
  if (!awaitingAccounts(payment) || payment.captureMethod !== 'manual') return null;
  const captureBefore = new Date(now.getTime() + captureWindowSeconds * 1000);
  return move(payment, {
    to: 'requires_capture',
    changes: { authorizedAt: now, captureBefore, expiresAt: captureBefore, amountCapturable: payment.amount },
  });
}

/**
 * Captures a payment waiting for it: `requested` (default: all that is capturable), the rest of
 * the hold to be released. Once, and not after `captureBefore`: past it the hold is voided, even
 * if the expiry job has not got to it yet.
 */
export function capture(payment: PaymentSnapshot, requested: number | undefined, now: Date): Transition {
  if (payment.status !== 'requires_capture') throw new PaymentNotCapturableError(payment.id, `is ${payment.status}`);
  if (payment.captureBefore && now > payment.captureBefore) {
    throw new PaymentNotCapturableError(payment.id, `had to be captured by ${payment.captureBefore.toISOString()}`);
  }
  const amount = requested ?? payment.amountCapturable;
  if (amount > payment.amountCapturable) {
    throw new CaptureExceedsAuthorizedError(payment.id, amount, payment.amountCapturable, payment.currency);
  }
  return move(payment, { to: 'processing', changes: { amountCapturable: 0 }, captureAmount: amount });
}

/** Accounts captured the hold: the payment succeeds with what was captured. */
export function onHoldCaptured(payment: PaymentSnapshot, captured: number): Transition | null {
  if (!capturing(payment)) return null;
  return move(payment, { to: 'succeeded', changes: { amountCaptured: captured } });
}

/**
 * Accounts released a hold. A void this module asked for (cancel, deadline) answers a payment that
 * has ended already. While capturing, it means accounts refused the capture (the destination
 * frozen meanwhile, say): the money went back, and the payment fails with that reason.
 */
export function onHoldReleased(
  payment: PaymentSnapshot,
  reason: HoldReleaseRequestReason | TransferFailureReason,
  message: string,
): Transition | null {
  if (!capturing(payment) || reason === 'CANCELED') return null;
  if (reason === 'EXPIRED') return move(payment, EXPIRED);
  return move(payment, { to: 'failed', failureCode: reason, failureMessage: message });
}

/** Canceling works only while no money has moved: before the transfer is asked for, or while only held. */
export function cancel(payment: PaymentSnapshot): Transition {
  if (payment.status === 'pending' || payment.status === 'requires_review') return move(payment, { to: 'canceled' });
  if (payment.status === 'requires_capture') return move(payment, { to: 'canceled', changes: { amountCapturable: 0 } });
  throw new PaymentNotCancelableError(payment.id, payment.status);
}

/**
 * Expires a payment past its deadline, unless its transfer may already be under way
 * (processing): then accounts decides, refusing the transfer if it arrives after the deadline.
 * A hold not captured by `captureBefore` expires, and is voided.
 */
export function expire(payment: PaymentSnapshot, now: Date): Transition | null {
  if (payment.status === 'requires_capture') {
    return payment.captureBefore && now > payment.captureBefore ? move(payment, NOT_CAPTURED) : null;
  }
  if (isTerminal(payment.status) || payment.status === 'processing' || now <= payment.expiresAt) return null;
  return move(payment, EXPIRED);
}

/**
 * How much a new refund may be: at most what was captured (the whole amount, but for a partial
 * capture) and is neither refunded nor being refunded. Without an amount, all of that.
 */
export function planRefund(payment: PaymentSnapshot, reserved: number, requested: number | undefined): number {
  if (payment.status !== 'succeeded') throw new PaymentNotRefundableError(payment.id, payment.status);
  const remaining = payment.amountCaptured - reserved;
  const amount = requested ?? remaining;
  if (amount <= 0 || amount > remaining)
    throw new RefundExceedsRemainingError(payment.id, amount, remaining, payment.currency);
  return amount;
}

export interface PaymentFilter {
  /** Only the payments an owner-bound key may see (see `isVisibleTo`). */
  ownerId?: string | null;
  accountId?: string;
  status?: PaymentStatus;
  createdFrom?: Date;
  createdTo?: Date;
}

/** A payment as this module's commands and queries return it (the table's entity implements it). */
export interface Payment {
  readonly id: string;
  readonly status: PaymentStatus;
  readonly amount: number;
  readonly currency: string;
  readonly sourceAccountId: string;
  readonly destinationAccountId: string;
  readonly description: string | null;
  /** The owner of the API key that created the payment (null for a platform key). */
  readonly ownerId: string | null;
  readonly metadata: Record<string, string>;
  readonly captureMethod: CaptureMethod;
  /** What may still be captured: the amount held while requires_capture, else 0. */
  readonly amountCapturable: number;
  /** What moved to the payee: the amount (automatic), or what was captured (manual). */
  readonly amountCaptured: number;
  readonly amountRefunded: number;
  readonly failureCode: PaymentFailureCode | null;
  readonly failureMessage: string | null;
  readonly riskAssessmentId: string | null;
  readonly riskDecision: 'approve' | 'review' | 'reject' | null;
  readonly riskScore: number | null;
  readonly riskReasons: string[] | null;
  readonly reviewDecision: 'approve' | 'reject' | null;
  readonly reviewNote: string | null;
  readonly expiresAt: Date;
  /** When accounts placed the hold (manual capture). */
  readonly authorizedAt: Date | null;
  readonly captureBefore: Date | null;
  readonly transferCancelRequestedAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly completedAt: Date | null;
}
