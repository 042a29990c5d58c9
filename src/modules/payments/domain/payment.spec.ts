import {
  cancel,
  capture,
  expire,
  onHoldCaptured,
  onHoldPlaced,
  onHoldReleased,
  onReviewDecided,
  onRiskAssessed,
  onTransferSettled,
  planRefund,
  type PaymentSnapshot,
} from './payment';
import type { PaymentStatus } from './payment-status';
import {
  CaptureExceedsAuthorizedError,
  PaymentNotCancelableError,
  PaymentNotCapturableError,
  PaymentNotRefundableError,
  RefundExceedsRemainingError,
} from './payments.errors';

const now = new Date('2026-11-22T12:00:00Z');
const later = new Date('2026-11-22T13:00:00Z');
const payment = (status: PaymentStatus, overrides: Partial<PaymentSnapshot> = {}): PaymentSnapshot => ({
  id: 'pay-1',
  status,
  amount: 1000,
  currency: 'USD',
  expiresAt: new Date('2026-11-22T12:30:00Z'),
  captureMethod: 'automatic',
  authorizedAt: null,
  captureBefore: null,
  amountCapturable: 0,
  amountCaptured: status === 'succeeded' ? 1000 : 0,
  ...overrides,
});

/** A manual payment: asked to hold (processing), or held until 12:30 (requires_capture and later). */
const manual = (status: PaymentStatus, overrides: Partial<PaymentSnapshot> = {}): PaymentSnapshot => {
  const held =
    status !== 'pending' && status !== 'requires_review' && !(status === 'processing' && !overrides.authorizedAt);
  const captureBefore = new Date('2026-11-22T12:30:00Z');
  return payment(status, {
    captureMethod: 'manual',
    ...(held ? { authorizedAt: new Date('2026-11-22T11:00:00Z'), captureBefore, expiresAt: captureBefore } : {}),
    amountCapturable: status === 'requires_capture' ? 1000 : 0,
    amountCaptured: 0,
    ...overrides,
  });
};

describe('a payment', () => {
  describe('when risk has assessed it', () => {
    it('moves money on approve, waits for a person on review, fails on reject', () => {
      expect(onRiskAssessed(payment('pending'), 'approve', now)).toEqual({ to: 'processing' });
      expect(onRiskAssessed(payment('pending'), 'review', now)).toEqual({ to: 'requires_review' });
      expect(onRiskAssessed(payment('pending'), 'reject', now)).toMatchObject({
        to: 'failed',
        failureCode: 'RISK_REJECTED',
      });
    });

    it('expires instead when the assessment comes after its time to live', () => {
      expect(onRiskAssessed(payment('pending'), 'approve', later)).toMatchObject({
        to: 'expired',
        failureCode: 'EXPIRED',
      });
    });

    it.each(['canceled', 'expired', 'processing', 'failed'] as const)(
      'ignores a late or repeated assessment when %s',
      (status) => {
        expect(onRiskAssessed(payment(status), 'approve', now)).toBeNull();
      },
    );
  });

  describe('when a person has reviewed it', () => {
    it('moves money on approve, fails on reject', () => {
      expect(onReviewDecided(payment('requires_review'), 'approve', now)).toEqual({ to: 'processing' });
      expect(onReviewDecided(payment('requires_review'), 'reject', now)).toMatchObject({
        to: 'failed',
        failureCode: 'RISK_REJECTED',
      });
    });

    it('expires instead after its time to live, and ignores a review of a payment not waiting for one', () => {
      expect(onReviewDecided(payment('requires_review'), 'approve', later)).toMatchObject({ to: 'expired' });
      expect(onReviewDecided(payment('canceled'), 'approve', now)).toBeNull();
    });
  });

  describe('when accounts has answered its transfer', () => {
    it('succeeds when the money moved, even past its time to live, having captured all of it', () => {
      expect(onTransferSettled(payment('processing', { expiresAt: new Date(0) }), { ok: true })).toEqual({
        to: 'succeeded',
        changes: { amountCaptured: 1000 },
      });
    });

    it('fails with the reason accounts gave', () => {
      expect(
        onTransferSettled(payment('processing'), { ok: false, reason: 'INSUFFICIENT_FUNDS', message: 'poor' }),
      ).toEqual({
        to: 'failed',
        failureCode: 'INSUFFICIENT_FUNDS',
        failureMessage: 'poor',
      });
    });

    it('expires when the transfer arrived too late to run', () => {
      expect(onTransferSettled(payment('processing'), { ok: false, reason: 'EXPIRED', message: 'late' })).toMatchObject(
        {
          to: 'expired',
          failureCode: 'EXPIRED',
        },
      );
    });

    it('never changes a terminal payment, whatever arrives late or twice', () => {
      for (const status of ['succeeded', 'failed', 'canceled', 'expired'] as const) {
        expect(onTransferSettled(payment(status), { ok: true })).toBeNull();
      }
    });
  });

  describe('with manual capture', () => {
    it('waits for its capture once the hold is placed, until the end of the capture window', () => {
      const captureBefore = new Date('2026-11-29T12:00:00Z');
      expect(onHoldPlaced(manual('processing'), now, 7 * 24 * 3600)).toEqual({
        to: 'requires_capture',
        changes: { authorizedAt: now, captureBefore, expiresAt: captureBefore, amountCapturable: 1000 },
      });
    });

    it('ignores a hold answer that does not apply: automatic, repeated, or after the payment ended', () => {
      expect(onHoldPlaced(payment('processing'), now, 60)).toBeNull();
      for (const status of ['requires_capture', 'canceled', 'expired', 'failed'] as const) {
        expect(onHoldPlaced(manual(status), now, 60)).toBeNull();
      }
      expect(onHoldPlaced(manual('processing', { authorizedAt: now }), now, 60)).toBeNull();
    });

    it('fails, or expires, when accounts refuses the hold, as a transfer', () => {
      expect(
        onTransferSettled(manual('processing'), { ok: false, reason: 'INSUFFICIENT_FUNDS', message: 'poor' }),
      ).toMatchObject({ to: 'failed', failureCode: 'INSUFFICIENT_FUNDS' });
      expect(onTransferSettled(manual('processing'), { ok: false, reason: 'EXPIRED', message: 'late' })).toMatchObject({
        to: 'expired',
      });
      // Its money is held, never transferred; and a capturing payment had its hold answered long ago.
      expect(onTransferSettled(manual('processing'), { ok: true })).toBeNull();
      expect(onTransferSettled(manual('processing', { authorizedAt: now }), { ok: true })).toBeNull();
    });

    it('captures all that is capturable by default, or part of it', () => {
      expect(capture(manual('requires_capture'), undefined, now)).toEqual({
        to: 'processing',
        changes: { amountCapturable: 0 },
        captureAmount: 1000,
      });
      expect(capture(manual('requires_capture'), 600, now)).toMatchObject({ to: 'processing', captureAmount: 600 });
    });

    it('refuses to capture more than authorized (422)', () => {
      expect(() => capture(manual('requires_capture'), 1001, now)).toThrow(CaptureExceedsAuthorizedError);
    });

    it.each(['pending', 'requires_review', 'processing', 'succeeded', 'failed', 'canceled', 'expired'] as const)(
      'refuses to capture a %s payment (409): once, and only when held',
      (status) => {
        expect(() => capture(manual(status), undefined, now)).toThrow(PaymentNotCapturableError);
        expect(() => capture(payment(status), undefined, now)).toThrow(PaymentNotCapturableError);
      },
    );

    it('refuses to capture after captureBefore, even before the expiry job voids the hold', () => {
      const deadline = new Date('2026-11-22T12:30:00Z');
      expect(capture(manual('requires_capture'), undefined, deadline)).toMatchObject({ to: 'processing' });
      expect(() => capture(manual('requires_capture'), undefined, new Date(deadline.getTime() + 1))).toThrow(
        PaymentNotCapturableError,
      );
    });

    it('succeeds with what was captured', () => {
      expect(onHoldCaptured(manual('processing', { authorizedAt: now }), 600)).toEqual({
        to: 'succeeded',
        changes: { amountCaptured: 600 },
      });
    });

    it('ignores a capture answer when not capturing', () => {
      for (const status of ['requires_capture', 'succeeded', 'canceled', 'expired'] as const) {
        expect(onHoldCaptured(manual(status), 600)).toBeNull();
      }
      expect(onHoldCaptured(manual('processing'), 600)).toBeNull();
    });

    it('fails when accounts refused the capture and released the hold', () => {
      const capturing = manual('processing', { authorizedAt: now });
      expect(onHoldReleased(capturing, 'ACCOUNT_FROZEN', 'frozen')).toEqual({
        to: 'failed',
        failureCode: 'ACCOUNT_FROZEN',
        failureMessage: 'frozen',
      });
    });

    it('ends nothing when a void it asked for is answered: the payment ended already', () => {
      expect(onHoldReleased(manual('canceled'), 'CANCELED', 'voided')).toBeNull();
      expect(onHoldReleased(manual('expired'), 'EXPIRED', 'voided')).toBeNull();
      expect(onHoldReleased(manual('processing', { authorizedAt: now }), 'CANCELED', 'voided')).toBeNull();
    });

    it('expires a hold not captured by captureBefore, and only then', () => {
      expect(expire(manual('requires_capture'), later)).toMatchObject({
        to: 'expired',
        failureCode: 'EXPIRED',
        changes: { amountCapturable: 0 },
      });
      expect(expire(manual('requires_capture'), now)).toBeNull();
      // Capturing: the money is moving, accounts decides.
      expect(expire(manual('processing', { authorizedAt: now }), later)).toBeNull();
    });

    it('refunds only what was captured', () => {
      const partly = manual('succeeded', { amountCaptured: 600 });
      expect(planRefund(partly, 0, undefined)).toBe(600);
      expect(() => planRefund(partly, 0, 601)).toThrow(RefundExceedsRemainingError);
      expect(() => planRefund(partly, 500, 101)).toThrow(RefundExceedsRemainingError);
    });
  });

  describe('cancel', () => {
    it.each(['pending', 'requires_review'] as const)('cancels a %s payment', (status) => {
      expect(cancel(payment(status))).toEqual({ to: 'canceled' });
    });

    it('cancels a held payment, voiding what was capturable', () => {
      expect(cancel(manual('requires_capture'))).toEqual({ to: 'canceled', changes: { amountCapturable: 0 } });
    });

    it.each(['processing', 'succeeded', 'failed', 'canceled', 'expired'] as const)('refuses once %s', (status) => {
      expect(() => cancel(payment(status))).toThrow(PaymentNotCancelableError);
      expect(() => cancel(manual(status))).toThrow(PaymentNotCancelableError);
    });
  });

  describe('expire', () => {
    it.each(['pending', 'requires_review'] as const)('expires a %s payment past its time to live', (status) => {
      expect(expire(payment(status), later)).toMatchObject({ to: 'expired', failureCode: 'EXPIRED' });
      expect(expire(payment(status), now)).toBeNull();
    });

    it('leaves a processing payment to accounts, which refuses a late transfer', () => {
      expect(expire(payment('processing'), later)).toBeNull();
    });
  });

  describe('refunds', () => {
    it('default to what is left, and never exceed it', () => {
      expect(planRefund(payment('succeeded'), 300, undefined)).toBe(700);
      expect(planRefund(payment('succeeded'), 300, 700)).toBe(700);
      expect(() => planRefund(payment('succeeded'), 300, 701)).toThrow(RefundExceedsRemainingError);
      expect(() => planRefund(payment('succeeded'), 1000, undefined)).toThrow(RefundExceedsRemainingError);
    });

    it('are only for succeeded payments', () => {
      expect(() => planRefund(payment('processing'), 0, 1)).toThrow(PaymentNotRefundableError);
    });
  });
});
