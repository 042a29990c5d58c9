import { assertTransition, canTransition, isTerminal, PAYMENT_STATUSES, type PaymentStatus } from './payment-status';

const ALLOWED: Array<[PaymentStatus, PaymentStatus]> = [
  ['pending', 'requires_review'],
  ['pending', 'processing'],
  ['pending', 'failed'],
  ['pending', 'canceled'],
  ['pending', 'expired'],
  ['requires_review', 'processing'],
  ['requires_review', 'failed'],
  ['requires_review', 'canceled'],
  ['requires_review', 'expired'],
  ['processing', 'requires_capture'],
  ['processing', 'succeeded'],
  ['processing', 'failed'],
  ['processing', 'expired'],
  ['requires_capture', 'processing'],
  ['requires_capture', 'canceled'],
  ['requires_capture', 'expired'],
];
const allowed = new Set(ALLOWED.map(([from, to]) => `${from}->${to}`));
const FORBIDDEN = PAYMENT_STATUSES.flatMap((from) =>
  PAYMENT_STATUSES.map((to) => [from, to] as [PaymentStatus, PaymentStatus]),
).filter(([from, to]) => !allowed.has(`${from}->${to}`));

describe('payment status machine', () => {
  it.each(ALLOWED)('allows %s -> %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(() => assertTransition(from, to)).not.toThrow();
  });

  it.each(FORBIDDEN)('forbids %s -> %s', (from, to) => {
    expect(canTransition(from, to)).toBe(false);
    expect(() => assertTransition(from, to)).toThrow(`cannot go from ${from} to ${to}`);
  });

  it('never moves a terminal payment again', () => {
    expect(PAYMENT_STATUSES.filter(isTerminal)).toEqual(['succeeded', 'failed', 'canceled', 'expired']);
  });
});
