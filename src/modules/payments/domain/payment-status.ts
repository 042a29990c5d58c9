export type PaymentStatus =
  'pending' | 'requires_review' | 'processing' | 'requires_capture' | 'succeeded' | 'failed' | 'canceled' | 'expired';

export const PAYMENT_STATUSES: readonly PaymentStatus[] = [
  'pending',
  'requires_review',
  'processing',
  'requires_capture',
  'succeeded',
  'failed',
  'canceled',
  'expired',
];

/**
 * The only moves a payment can make. A terminal status has none: it never changes again. A manual
 * capture goes processing (the hold asked for) → requires_capture (held) → processing (the capture
 * asked for) → succeeded; a hold not captured is voided by cancel or by its deadline.
 */
const TRANSITIONS: Record<PaymentStatus, readonly PaymentStatus[]> = {
  pending: ['requires_review', 'processing', 'failed', 'canceled', 'expired'],
  requires_review: ['processing', 'failed', 'canceled', 'expired'],
  processing: ['requires_capture', 'succeeded', 'failed', 'expired'],
  requires_capture: ['processing', 'canceled', 'expired'],
  succeeded: [],
  failed: [],
  canceled: [],
  expired: [],
};

export function canTransition(from: PaymentStatus, to: PaymentStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function isTerminal(status: PaymentStatus): boolean {
  return TRANSITIONS[status].length === 0;
}

export class IllegalTransitionError extends Error {
  constructor(from: PaymentStatus, to: PaymentStatus) {
    super(`A payment cannot go from ${from} to ${to}`);
    this.name = 'IllegalTransitionError';
  }
}

export function assertTransition(from: PaymentStatus, to: PaymentStatus): void {
  if (!canTransition(from, to)) throw new IllegalTransitionError(from, to);
}
