import { nextStep, parseRetryAfter, parseRetrySchedule, RETRY_AFTER_MAX_MS, type RetryPolicy } from './retry-schedule';

const policy: RetryPolicy = { delaysMs: [5_000, 300_000, 1_800_000] };
const response = (statusCode: number, retryAfterMs: number | null = null) =>
  ({ kind: 'response', statusCode, retryAfterMs }) as const;
const now = new Date('2026-11-22T10:00:00Z');

describe('retry schedule', () => {
  it('parses a comma-separated list of milliseconds', () => {
    expect(parseRetrySchedule('5000, 300000,1800000')).toEqual([5000, 300000, 1800000]);
    expect(parseRetrySchedule('')).toEqual([]);
    expect(() => parseRetrySchedule('5s')).toThrow();
  });

  it('counts only a 2xx as delivered', () => {
    expect(nextStep(response(200), 1, policy)).toEqual({ status: 'delivered' });
    expect(nextStep(response(204), 1, policy)).toEqual({ status: 'delivered' });
    for (const status of [301, 400, 404, 500]) expect(nextStep(response(status), 1, policy).status).toBe('pending');
  });

  it('fails the message and disables the endpoint on 410 Gone, whatever the attempts left', () => {
    expect(nextStep(response(410), 1, policy)).toEqual({ status: 'failed', disableEndpoint: true });
  });

  it('retries on the schedule, with up to 20% jitter either way', () => {
    expect(nextStep(response(500), 1, policy, () => 0)).toEqual({ status: 'pending', retryInMs: 4_000 });
    expect(nextStep(response(500), 1, policy, () => 1)).toEqual({ status: 'pending', retryInMs: 6_000 });
    expect(nextStep({ kind: 'error', error: 'ECONNREFUSED' }, 2, policy, () => 0.5)).toEqual({
      status: 'pending',
      retryInMs: 300_000,
    });
  });

  it('fails the message when the attempts run out (one more than the delays)', () => {
    expect(nextStep(response(500), 3, policy).status).toBe('pending');
    expect(nextStep(response(500), 4, policy)).toEqual({ status: 'failed', disableEndpoint: false });
    expect(nextStep(response(500), 1, { delaysMs: [] })).toEqual({ status: 'failed', disableEndpoint: false });
  });

  it('never retries sooner than Retry-After, and keeps the schedule when it asks for less', () => {
    expect(nextStep(response(503, 60_000), 1, policy, () => 0.5)).toEqual({ status: 'pending', retryInMs: 60_000 });
    expect(nextStep(response(429, 1_000), 1, policy, () => 0.5)).toEqual({ status: 'pending', retryInMs: 5_000 });
  });

  it('reads Retry-After as seconds or as an HTTP date, capped', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Sun, 22 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Sun, 22 Nov 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('9999999', now)).toBe(RETRY_AFTER_MAX_MS);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});
