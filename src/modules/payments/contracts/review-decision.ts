/**
 * A payment held for review ends once: risk's approve or reject, or payments' cancel or expiry,
 * whichever commits first. Both modules claim this key (the platform's FirstDecision) in the
 * transaction of their change; the one that finds it taken refuses with a 409.
 */
export function reviewDecisionKey(paymentId: string): string {
  return `payment-review:${paymentId}`;
}
