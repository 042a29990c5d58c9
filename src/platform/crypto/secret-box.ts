import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { ValueTransformer } from 'typeorm';

const PREFIX = 'enc:v1:';
const IV_BYTES = 12;

let key: Buffer | undefined;

/** Sets the key every sealed value uses (32 bytes); the platform does it once at boot. */
export function useSecretsKey(value: Buffer): void {
  if (value.length !== 32) throw new Error('the secrets key must be 32 bytes');
  key = value;
}

/** The key outside production when none is set: derived from a fixed phrase, so it survives restarts. */
export function developmentSecretsKey(): Buffer {
  return createHash('sha256').update('payments-platform development secrets key (never use in production)').digest();
}

function currentKey(): Buffer {
  if (!key) throw new Error('the secrets key is not set (useSecretsKey)');
  return key;
}

/** AES-256-GCM with a fresh IV: `enc:v1:<iv>.<tag>.<ciphertext>` in base64url. */
export function seal(plaintext: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', currentKey(), iv);
  const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `${PREFIX}${iv.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}.${sealed.toString('base64url')}`;
}

export function isSealed(value: string): boolean {
  return value.startsWith(PREFIX);
}

/** The plaintext of a sealed value (a tampered one fails its tag); a value stored before sealing existed is returned as is. */
export function open(value: string): string {
  if (!isSealed(value)) return value;
  const [iv, tag, sealed] = value.slice(PREFIX.length).split('.');
  const decipher = createDecipheriv('aes-256-gcm', currentKey(), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64url')), decipher.final()]).toString('utf8');
}

/** A TypeORM column transformer: the column holds the sealed value, the entity the plaintext. */
export const sealedText: ValueTransformer = {
  to: (value: string | null | undefined) => (typeof value === 'string' ? seal(value) : value),
  from: (value: string | null) => (typeof value === 'string' ? open(value) : value),
};
