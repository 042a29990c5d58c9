import { Client } from 'pg';

/** A fresh database for one benchmark run (dropped and created again), on BENCH_DATABASE_URL's server. */
export async function freshBenchDatabase(name: string): Promise<string> {
  const base = new URL(process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  const admin = new Client({ connectionString: base.toString() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  base.pathname = `/${name}`;
  // BENCH_SOCKET_DIR: reach the server over its Unix socket instead of TCP loopback.
  if (process.env.BENCH_SOCKET_DIR) return `postgres://${base.username}@/${name}?host=${process.env.BENCH_SOCKET_DIR}`;
  return base.toString();
}

export function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}
