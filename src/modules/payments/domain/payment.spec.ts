import {
  cancel,
  expire,
  onReviewDecided,
  onRiskAssessed,
  onTransferSettled,
  planRefund,
  type PaymentSnapshot,
} from './payment';
import type { PaymentStatus } from './payment-status';
import { PaymentNotCancelableError, PaymentNotRefundableError, RefundExceedsRemainingError } from './payments.errors';

const now = new Date('2026-11-22T12:00:00Z');
const later = new Date('2026-11-22T13:00:00Z');
const payment = (status: PaymentStatus, overrides: Partial<PaymentSnapshot> = {}): PaymentSnapshot => ({
  id: 'pay-1',
  status,
  amount: 1000,
  currency: 'USD',
  expiresAt: new Date('2026-11-22T12:30:00Z'),
  ...overrides,
});

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
    it('succeeds when the money moved, even past its time to live', () => {
      expect(onTransferSettled(payment('processing', { expiresAt: new Date(0) }), { ok: true })).toEqual({
        to: 'succeeded',
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

  describe('cancel', () => {
    it.each(['pending', 'requires_review'] as const)('cancels a %s payment', (status) => {
      expect(cancel(payment(status))).toEqual({ to: 'canceled' });
    });

    it.each(['processing', 'succeeded', 'failed', 'canceled', 'expired'] as const)('refuses once %s', (status) => {
      expect(() => cancel(payment(status))).toThrow(PaymentNotCancelableError);
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
