import type { TransferFailureReason } from '../../accounts/contracts/transfer-events';
import type { RiskDecision } from '../../risk/contracts/risk-events';
import type { PaymentFailureCode } from '../contracts/payment-events';
import { PaymentNotCancelableError, PaymentNotRefundableError, RefundExceedsRemainingError } from './payments.errors';
import { assertTransition, isTerminal, type PaymentStatus } from './payment-status';

/** What the rules need to know about a payment. */
export interface PaymentSnapshot {
  readonly id: string;
  readonly status: PaymentStatus;
  readonly amount: number;
  readonly currency: string;
  readonly expiresAt: Date;
}

/** A change of status, with the failure it records when the payment fails or expires. */
export interface Transition {
  readonly to: PaymentStatus;
  readonly failureCode?: PaymentFailureCode;
  readonly failureMessage?: string;
}

const EXPIRED: Transition = {
  to: 'expired',
  failureCode: 'EXPIRED',
  failureMessage: 'The payment did not complete within its time to live',
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
  if (payment.status !== 'processing') return null;
  if (outcome.ok) return move(payment, { to: 'succeeded' });
  if (outcome.reason === 'EXPIRED') return move(payment, EXPIRED);
  return move(payment, { to: 'failed', failureCode: outcome.reason, failureMessage: outcome.message });
}

/** Canceling works only while no money has been asked to move. */
export function cancel(payment: PaymentSnapshot): Transition {
  if (payment.status !== 'pending' && payment.status !== 'requires_review') {
    throw new PaymentNotCancelableError(payment.id, payment.status);
  }
  return move(payment, { to: 'canceled' });
}

/**
 * Expires a payment past its time to live, unless its transfer may already be under way
 * (processing): then accounts decides, refusing the transfer if it arrives after the deadline.
 */
export function expire(payment: PaymentSnapshot, now: Date): Transition | null {
  if (isTerminal(payment.status) || payment.status === 'processing' || now <= payment.expiresAt) return null;
  return move(payment, EXPIRED);
}

/**
 * How much a new refund may be: at most what is neither refunded nor being refunded. Without an
 * amount, all of that.
 */
export function planRefund(payment: PaymentSnapshot, reserved: number, requested: number | undefined): number {
  if (payment.status !== 'succeeded') throw new PaymentNotRefundableError(payment.id, payment.status);
  const remaining = payment.amount - reserved;
  const amount = requested ?? remaining;
  if (amount <= 0 || amount > remaining)
    throw new RefundExceedsRemainingError(payment.id, amount, remaining, payment.currency);
  return amount;
}
