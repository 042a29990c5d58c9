/** The outcome of counting one request against a limit. */
export interface RateLimitHit {
  readonly allowed: boolean;
  readonly limit: number;
  readonly remaining: number;
  /** Seconds until the window resets (and the count starts again). */
  readonly resetSeconds: number;
}

interface Window {
  startedAt: number;
  count: number;
}

/**
 * Fixed-window counters in this process's memory, one per key. Per instance on purpose (see the
 * README): no shared store on the hot path of every request. Windows that ended are dropped as
 * the map is swept, so idle keys cost nothing.
 */
export class RateLimiter {
  private readonly windows = new Map<string, Window>();
  private lastSweep = 0;

  constructor(private readonly windowMs: number) {}

  hit(key: string, limit: number, now = Date.now()): RateLimitHit {
    this.sweep(now);
    let window = this.windows.get(key);
    if (!window || now - window.startedAt >= this.windowMs) {
      window = { startedAt: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count++;
    const resetSeconds = Math.max(1, Math.ceil((window.startedAt + this.windowMs - now) / 1000));
    return { allowed: window.count <= limit, limit, remaining: Math.max(0, limit - window.count), resetSeconds };
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < this.windowMs) return;
    this.lastSweep = now;
    for (const [key, window] of this.windows) {
      if (now - window.startedAt >= this.windowMs) this.windows.delete(key);
    }
  }
}
