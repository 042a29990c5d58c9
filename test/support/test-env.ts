/**
 * The database of this jest worker (see global-setup.cjs): parallel suites never share one, and
 * the e2e-split project has its own, so the same scenarios running twice never meet each other's data.
 */
export function testDatabaseUrl(): string {
  const url = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/payments_test');
  const topology = process.env.TEST_TOPOLOGY === 'split' ? '_split' : '';
  url.pathname = `${url.pathname}${topology}_${process.env.JEST_WORKER_ID ?? '1'}`;
  return url.toString();
}

/** The admin key every test app accepts (ADMIN_API_KEY); `api()` sends it. */
export const TEST_ADMIN_API_KEY = 'sk_test_admin_key_of_the_test_suite';

/** Settings every test app starts with: an admin key, quiet logs, fast polling and retries. */
export function baseTestEnv(): Record<string, string> {
  return {
    NODE_ENV: 'test',
    ADMIN_API_KEY: TEST_ADMIN_API_KEY,
    // Suites send hundreds of requests with one key; the rate limit test turns it on.
    RATE_LIMIT_ENABLED: 'false',
    LOG_LEVEL: 'silent',
    DATABASE_URL: testDatabaseUrl(),
    DATABASE_POOL_SIZE: '10',
    MESSAGING_WORKERS: '2',
    MESSAGING_POLL_INTERVAL_MS: '100',
    MESSAGING_BACKOFF_BASE_MS: '20',
    MESSAGING_BACKOFF_MAX_MS: '200',
    MESSAGING_LEASE_MS: '5000',
    MESSAGING_MAX_ATTEMPTS: '5',
  };
}

/** Sets environment variables and returns a function that puts the previous values back. */
export function setEnv(values: Record<string, string | undefined>): () => void {
  const previous = Object.fromEntries(Object.keys(values).map((key) => [key, process.env[key]]));
  const apply = (entries: Record<string, string | undefined>) => {
    for (const [key, value] of Object.entries(entries)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
  apply(values);
  return () => apply(previous);
}
