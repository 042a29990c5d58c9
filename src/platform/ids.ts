import { v7 as uuidv7, validate } from 'uuid';

/** Every public id is a UUID v7: unique without coordination, and ordered by creation time. */
export function newId(): string {
  return uuidv7();
}

/** True when `value` can name a stored row; anything else is simply not found (never a SQL cast error). */
export function isId(value: unknown): value is string {
  return typeof value === 'string' && validate(value);
}
