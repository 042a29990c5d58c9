import { retryDelayMs } from './backoff';

describe('retryDelayMs', () => {
  const policy = { baseMs: 100, maxMs: 10_000 };

  it('doubles the ceiling with each attempt', () => {
    expect(retryDelayMs(1, policy, () => 1)).toBe(100);
    expect(retryDelayMs(2, policy, () => 1)).toBe(200);
    expect(retryDelayMs(5, policy, () => 1)).toBe(1600);
  });

  it('never waits less than half the ceiling', () => {
    expect(retryDelayMs(3, policy, () => 0)).toBe(200);
  });

  it('is capped at the maximum', () => {
    expect(retryDelayMs(30, policy, () => 1)).toBe(10_000);
    expect(retryDelayMs(30, policy, () => 0)).toBe(5_000);
  });
});
