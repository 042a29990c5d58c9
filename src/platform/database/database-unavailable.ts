/** SQLSTATEs that mean "the server is going away or not accepting us", not "your statement is wrong". */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300', '08000', '08001', '08003', '08004', '08006']);
const UNAVAILABLE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND']);
const UNAVAILABLE_MESSAGES =
  /Connection terminated|connection error and is not queryable|timeout exceeded when trying to connect|Query runner already released|terminating connection/i;

/**
 * Whether an error means the database is out of reach for now (restarting, refusing, gone), as
 * opposed to a bug: the caller should retry later, so the answer is a 503, not a 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    if (typeof current !== 'object') return false;
    const { code, name, message, cause, driverError } = current as {
      code?: unknown;
      name?: unknown;
      message?: unknown;
      cause?: unknown;
      driverError?: unknown;
    };
    if (typeof code === 'string' && (UNAVAILABLE_STATES.has(code) || UNAVAILABLE_ERRNOS.has(code))) return true;
    if (name === 'QueryRunnerAlreadyReleasedError') return true;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message)) return true;
    current = driverError ?? cause;
  }
  return false;
}
