import type { ValueTransformer } from 'typeorm';

/**
 * `pg` returns int8 as a string so that no digit is lost. Amounts in this platform are bounded
 * by Number.MAX_SAFE_INTEGER, so they convert exactly; anything larger is a bug, and fails loudly.
 */
export function toSafeInteger(value: string | number | bigint): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number)) throw new RangeError(`Integer ${String(value)} is outside the safe range`);
  return number;
}

export const bigintTransformer: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : toSafeInteger(value)),
};
