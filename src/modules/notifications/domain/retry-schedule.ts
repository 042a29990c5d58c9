/** Each delay is randomised by up to this fraction either way, so receivers coming back up are not hit all at once. */
export const RETRY_JITTER = 0.2;
/** A `Retry-After` longer than this is capped: a receiver cannot park a message for days. */
export const RETRY_AFTER_MAX_MS = 24 * 3600 * 1000;

/** The delays before each retry, in milliseconds: attempt n + 1 waits `delaysMs[n - 1]` after attempt n fails. */
export interface RetryPolicy {
  readonly delaysMs: readonly number[];
}

export function maxAttempts(policy: RetryPolicy): number {
  return policy.delaysMs.length + 1;
}

/** `"5000, 300000"` → `[5000, 300000]`; an empty string means no retries. */
export function parseRetrySchedule(text: string): number[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  return trimmed.split(',').map((part) => {
    const delay = Number(part.trim());
    if (!/^\d+$/.test(part.trim()) || !Number.isSafeInteger(delay)) {
      throw new Error(`"${part.trim()}" is not a delay in milliseconds (a comma-separated list of them is expected)`);
    }
    return delay;
  });
}

/** `Retry-After` as delta-seconds or an HTTP date, in milliseconds from `now`; null when absent or unreadable. */
export function parseRetryAfter(header: string | null, now: Date): number | null {
  if (header === null) return null;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Math.min(Number(value) * 1000, RETRY_AFTER_MAX_MS);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return null;
  return Math.min(Math.max(0, date - now.getTime()), RETRY_AFTER_MAX_MS);
}

/** What one attempt came to: a response (any status), or no response at all. */
export type AttemptOutcome =
  | { readonly kind: 'response'; readonly statusCode: number; readonly retryAfterMs: number | null }
  | { readonly kind: 'error'; readonly error: string };

export type NextStep =
  | { readonly status: 'delivered' }
  | { readonly status: 'failed'; readonly disableEndpoint: boolean }
  | { readonly status: 'pending'; readonly retryInMs: number };

/**
 * What follows attempt number `attempt`: only a 2xx counts as delivered; a 410 means the receiver
 * is gone for good, so the message fails and its endpoint is disabled; anything else is retried on
 * the schedule, never sooner than the receiver's `Retry-After`, until the attempts run out.
 */
export function nextStep(
  outcome: AttemptOutcome,
  attempt: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): NextStep {
  if (outcome.kind === 'response' && outcome.statusCode >= 200 && outcome.statusCode < 300) {
    return { status: 'delivered' };
  }
  if (outcome.kind === 'response' && outcome.statusCode === 410) return { status: 'failed', disableEndpoint: true };
  if (attempt >= maxAttempts(policy)) return { status: 'failed', disableEndpoint: false };
  const scheduled = policy.delaysMs[attempt - 1];
  const jittered = Math.round(scheduled * (1 - RETRY_JITTER + 2 * RETRY_JITTER * random()));
  const retryAfter = outcome.kind === 'response' ? (outcome.retryAfterMs ?? 0) : 0;
  return { status: 'pending', retryInMs: Math.max(jittered, retryAfter) };
}
