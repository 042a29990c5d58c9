export interface BackoffPolicy {
  readonly baseMs: number;
  readonly maxMs: number;
}

/**
 * Exponential backoff with "equal jitter": the n-th retry waits between half and all of
 * min(max, base · 2^(n-1)), so retries of many failed events spread out instead of arriving together.
 */
export function retryDelayMs(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const exponential = policy.baseMs * 2 ** Math.max(0, attempt - 1);
  const ceiling = Math.min(policy.maxMs, exponential);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
