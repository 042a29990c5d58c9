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

/** `postgres://user:secret@host/db` → `postgres://user:***@host/db`: a URL fit for a log line. */
export function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(not a URL)';
  }
}

/**
 * What to tell someone whose database cannot be used at start, in one line that names the setting
 * and what to do, as for any other bad setting; undefined for an error that is not about reaching it.
 */
export function explainUnusableDatabase(setting: string, url: string, error: unknown): string | undefined {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  const shown = `${setting} (${withoutPassword(url)})`;
  const { hostname, port, pathname, username } = new URL(url);
  const where = `${hostname}:${port || 5432}`;
  const database = decodeURIComponent(pathname.slice(1)) || username || 'postgres';
  const embedded = setting === 'DATABASE_URL' ? ', or unset DATABASE_URL to use the embedded database' : '';
  if (code === '3D000') {
    return `${shown} names database "${database}", which does not exist on ${where}: create it (createdb -h ${hostname} -p ${port || 5432} -U ${username || 'postgres'} ${database})${embedded}`;
  }
  if (code === '28P01' || code === '28000') {
    return `${shown}: the server at ${where} refused user "${username}" (${String(message)}): fix the user or password in ${setting}`;
  }
  if (isDatabaseUnavailable(error)) {
    const reason = typeof code === 'string' ? code : String(message);
    return `${shown}: no PostgreSQL server accepts connections at ${where} (${reason}): start it, or point ${setting} at one${embedded}`;
  }
  return undefined;
}
