/**
 * What an API key may do. `<area>:write` includes `<area>:read` (as a restricted key's "write"
 * does at Stripe); `admin` includes everything.
 */
export const SCOPES = [
  'accounts:read',
  'accounts:write',
  'payments:read',
  'payments:write',
  'notifications:read',
  'webhooks:read',
  'webhooks:write',
  'risk:read',
  'risk:write',
  'events:read',
  'admin',
] as const;

export type Scope = (typeof SCOPES)[number];

export function isScope(value: unknown): value is Scope {
  return typeof value === 'string' && (SCOPES as readonly string[]).includes(value);
}

/** Whether a key holding `held` may do what `required` allows. */
export function grants(held: readonly string[], required: Scope): boolean {
  if (held.includes('admin') || held.includes(required)) return true;
  const [area, level] = required.split(':');
  return level === 'read' && held.includes(`${area}:write`);
}
