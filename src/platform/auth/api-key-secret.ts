import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const KEY_PREFIX = 'sk_';
/** `sk_` and the first characters of the random part: enough to tell keys apart in a list, useless to guess one. */
const VISIBLE_LENGTH = 11;
const KEY_SHAPE = /^sk_[A-Za-z0-9_-]{16,200}$/;

/** A new key: `sk_` and 32 random bytes in base64url. Shown once; only its hash is stored. */
export function newApiKeySecret(): string {
  return KEY_PREFIX + randomBytes(32).toString('base64url');
}

export function isApiKeyShaped(value: string): boolean {
  return KEY_SHAPE.test(value);
}

/**
 * A SHA-256 of the key. Keys are 256 random bits, so a fast hash is enough (a slow one protects
 * guessable passwords, not random keys) and lets every request look its key up by hash.
 */
export function hashApiKey(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function visiblePrefix(secret: string): string {
  return secret.slice(0, VISIBLE_LENGTH);
}

/**
 * A test for the key a setting gives (which is not looked up): it compares in constant time, and
 * hashes the setting once rather than on every request.
 */
export function secretMatcher(expected: string): (presented: string) => boolean {
  const digest = createHash('sha256').update(expected).digest();
  return (presented) => timingSafeEqual(createHash('sha256').update(presented).digest(), digest);
}
