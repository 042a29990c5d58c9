import { createHash } from 'node:crypto';

/** JSON with object keys sorted, so that two bodies that mean the same thing compare equal. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** What "the same request" means for a key: same method, same path, same body. */
export function requestFingerprint(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method} ${path}\n${canonicalJson(body ?? null)}`)
    .digest('hex');
}

/**
 * Keys are scoped to the caller. Until the platform authenticates callers, the caller is who
 * holds the Authorization header (hashed, never stored in clear), or the public scope.
 */
export function callerScope(authorization: string | undefined): string {
  if (!authorization) return 'public';
  return `auth:${createHash('sha256').update(authorization).digest('hex').slice(0, 32)}`;
}
