import { hostname } from 'node:os';
import { v7 as uuidv7, validate } from 'uuid';

/** Every public id is a UUID v7: unique without coordination, and ordered by creation time. */
export function newId(): string {
  return uuidv7();
}

/** True when `value` can name a stored row; anything else is simply not found (never a SQL cast error). */
export function isId(value: unknown): value is string {
  return typeof value === 'string' && validate(value);
}

/**
 * UUIDs are case-insensitive (RFC 9562) but stored and compared in lower case: an id given in
 * upper case is the same id. Anything that is not a UUID is returned as it is.
 */
export function normalizeId(value: string): string {
  return validate(value) ? value.toLowerCase() : value;
}

/** Names one running worker for leases and logs: which host and process, and which start of it. */
export function newWorkerId(): string {
  return `${hostname()}:${process.pid}:${newId().slice(-8)}`;
}
