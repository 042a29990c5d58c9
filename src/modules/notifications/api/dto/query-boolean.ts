import { Transform } from 'class-transformer';

/** A query parameter is a string: `true` and `false` become booleans; anything else is left for `@IsBoolean` to refuse. */
export function QueryBoolean() {
  return Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value));
}
