import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsInt,
  IsObject,
  IsUUID,
  Max,
  Min,
  ValidateBy,
  ValidateIf,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';
import { normalizeId } from '../ids';
import { isCurrencyCode } from '../money/currency';

export const MAX_AMOUNT = Number.MAX_SAFE_INTEGER;
const METADATA_MAX_KEYS = 20;
const METADATA_KEY = /^[A-Za-z0-9_.:-]{1,40}$/;
const METADATA_VALUE_MAX = 500;

/** A positive whole amount in minor units, at most Number.MAX_SAFE_INTEGER. */
export function IsAmount(options: { allowZero?: boolean } = {}) {
  const message = `must be a ${options.allowZero ? 'non-negative' : 'positive'} integer amount in minor units (at most ${MAX_AMOUNT})`;
  return applyDecorators(IsInt({ message }), Min(options.allowZero ? 0 : 1, { message }), Max(MAX_AMOUNT, { message }));
}

/** An ISO 4217 currency code in upper case. */
export function IsCurrency(options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isCurrency',
      validator: {
        validate: (value: unknown) => isCurrencyCode(value),
        defaultMessage: () => 'must be an ISO 4217 currency code in upper case, such as USD',
      },
    },
    options,
  );
}

export function isMetadata(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const entries = Object.entries(value);
  return (
    entries.length <= METADATA_MAX_KEYS &&
    entries.every(([key, v]) => METADATA_KEY.test(key) && typeof v === 'string' && v.length <= METADATA_VALUE_MAX)
  );
}

/** A small string-to-string map: at most 20 keys of 1 to 40 characters, values of at most 500. */
export function IsMetadata(options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isMetadata',
      validator: {
        validate: isMetadata,
        defaultMessage: () =>
          `must be an object of at most ${METADATA_MAX_KEYS} string values (keys of 1 to 40 letters, digits, '_', '-', '.', ':'; values of at most ${METADATA_VALUE_MAX} characters)`,
      },
    },
    options,
  );
}

/**
 * The field may be left out, but not sent as null: for PATCH fields whose column cannot be empty
 * (`@IsOptional` lets null through to the database).
 */
export function IsOmittable() {
  return ValidateIf((_: object, value: unknown) => value !== undefined);
}

/** A nested object of `type`, validated in depth; an array, null or a primitive in its place is refused. */
export function IsNestedObject(type: () => new () => object) {
  return applyDecorators(IsDefined(), IsObject({ message: 'must be an object' }), ValidateNested(), Type(type));
}

/** An id naming a resource: a UUID (given in any case, stored in lower case). */
export function IsResourceId(options?: ValidationOptions) {
  return applyDecorators(IsUUID('all', { message: 'must be a UUID', ...options }), NormalizeId());
}

/** For fields that name a resource by id: a UUID given in upper case is the same id in lower case. */
export function NormalizeId() {
  return Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? normalizeId(value) : value));
}

/** An ISO 8601 date-time that also parses to a real instant (IsISO8601 alone accepts week dates and the like). */
export function IsTimestamp(options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isTimestamp',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' &&
          /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/.test(value) &&
          !Number.isNaN(Date.parse(value)),
        defaultMessage: () => 'must be an ISO 8601 date or date-time, such as 2026-11-01 or 2026-11-01T12:00:00Z',
      },
    },
    options,
  );
}
