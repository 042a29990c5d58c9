import { RateLimiter } from './rate-limiter';

describe('RateLimiter', () => {
  it('allows `limit` requests per key and window, then refuses until the window ends', () => {
    const limiter = new RateLimiter(60_000);
    const t0 = 1_000_000;
    expect(limiter.hit('a', 2, t0)).toMatchObject({ allowed: true, remaining: 1, resetSeconds: 60 });
    expect(limiter.hit('a', 2, t0 + 1)).toMatchObject({ allowed: true, remaining: 0 });
    expect(limiter.hit('a', 2, t0 + 30_000)).toMatchObject({ allowed: false, remaining: 0, resetSeconds: 30 });
    expect(limiter.hit('b', 2, t0 + 30_000)).toMatchObject({ allowed: true });
    expect(limiter.hit('a', 2, t0 + 60_000)).toMatchObject({ allowed: true, remaining: 1 });
  });
});
