import { freshDatabase } from '../test/support/local-services.cjs';

/** Databases a run creates are named `<BENCH_DB_PREFIX>_<what>`, so parallel runs of different people never collide. */
export function benchDatabaseName(what: string): string {
  return `${process.env.BENCH_DB_PREFIX ?? 'payments_bench'}_${what}`;
}

/** BENCH_DATABASE_URL's server, as a URL to the database `name`. */
export function benchServerUrl(name = 'postgres'): URL {
  const url = new URL(process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  url.pathname = `/${name}`;
  return url;
}

/** A fresh database for one benchmark run (dropped and created again), on BENCH_DATABASE_URL's server. */
export async function freshBenchDatabase(name: string): Promise<string> {
  await freshDatabase(benchServerUrl().toString(), name);
  const url = benchServerUrl(name);
  // BENCH_SOCKET_DIR: reach the server over its Unix socket instead of TCP loopback.
  if (process.env.BENCH_SOCKET_DIR) return `postgres://${url.username}@/${name}?host=${process.env.BENCH_SOCKET_DIR}`;
  return url.toString();
}

/** The q-quantile of sorted values; NaN when there are none (a slow run may measure nothing). */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** Seconds each timed phase of a benchmark lasts (BENCH_SECONDS, default 10; 5 makes a quick run). */
export function benchSeconds(): number {
  const seconds = Number(process.env.BENCH_SECONDS ?? 10);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new Error(`BENCH_SECONDS must be a positive number`);
  return seconds;
}

/** How many publish at once in `offerAtRate`. */
export const PUBLISHERS = 16;

/**
 * Offers `total` events at `rate` per second from PUBLISHERS in parallel, each one on its own
 * schedule, so the load is steady rather than bursty; `publish(p, i)` sends publisher p's i-th,
 * the (PUBLISHERS × i + p)-th in time. Resolves with when the offer began, once every event is published.
 */
export async function offerAtRate(
  rate: number,
  total: number,
  publish: (publisher: number, index: number) => Promise<unknown>,
): Promise<number> {
  const interval = (1000 * PUBLISHERS) / rate;
  const begin = Date.now();
  await Promise.all(
    Array.from({ length: PUBLISHERS }, async (_, p) => {
      for (let i = 0; i < total / PUBLISHERS; i++) {
        const wait = begin + i * interval + (p * interval) / PUBLISHERS - Date.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        await publish(p, i);
      }
    }),
  );
  return begin;
}
