import { registerAs } from '@nestjs/config';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { ConfigValidationError } from './config-validation-error';

// Defined apart so that code running before the settings load (the embedded database's head start in
// main.ts) can use it without loading them.
export { ConfigValidationError };

// The type check says most about a wrong value ("must be an integer"), so it is reported first.
const TYPE_RULES = ['isDefined', 'isInt', 'isNumber', 'isBoolean', 'isString', 'isIn', 'matches'];

function firstProblem(errors: ValidationError[]): string {
  const [error] = errors;
  const constraints = error.constraints ?? {};
  const rule = TYPE_RULES.find((name) => name in constraints) ?? Object.keys(constraints)[0];
  const constraint = rule ? constraints[rule] : 'is invalid';
  const shown = error.value === undefined ? 'unset' : JSON.stringify(error.value);
  return `Invalid setting ${error.property} (${shown}): ${constraint}`;
}

/** Every namespace of settings defined so far: importing the app module defines them all. */
const namespaces: Array<() => unknown> = [];

/**
 * Reads and checks every namespace of settings, so that a bad one stops the start with one line
 * that names it, before Nest builds anything (a failure inside Nest comes with its stack).
 */
export function validateSettings(): void {
  for (const load of namespaces) load();
}

/**
 * Declares a namespace of typed settings, validated once at boot from the environment.
 * `schema` is a class whose properties are environment variables (class-validator rules, with
 * `@Type` for numbers and booleans); `toConfig` shapes them into what the code reads.
 */
export function defineConfig<S extends object, C extends object>(
  namespace: string,
  schema: new () => S,
  toConfig: (env: S) => C,
) {
  const load = registerAs(namespace, (): C => {
    const env = plainToInstance(schema, process.env, { exposeDefaultValues: true });
    const errors = validateSync(env, { skipMissingProperties: false, forbidUnknownValues: false });
    if (errors.length > 0) throw new ConfigValidationError(firstProblem(errors));
    return toConfig(env);
  });
  namespaces.push(load);
  return load;
}

/** Environment values are strings: 'true'/'1' and 'false'/'0' become booleans, anything else stays as is for the validator to refuse. */
export function toBoolean({ value }: { value: unknown }): unknown {
  if (typeof value !== 'string') return value;
  const normalised = value.trim().toLowerCase();
  if (normalised === 'true' || normalised === '1') return true;
  if (normalised === 'false' || normalised === '0') return false;
  return value;
}

/** Decimal numbers ('0.25', '1'); anything else stays a string and fails `@IsNumber`. */
export function toNumber({ value }: { value: unknown }): unknown {
  if (typeof value !== 'string' || !/^-?\d+(\.\d+)?$/.test(value.trim())) return value;
  return Number(value);
}

/** Whole numbers only: '10' becomes 10, while '10.5', '' or 'ten' stay strings and fail `@IsInt`. */
export function toInteger({ value }: { value: unknown }): unknown {
  if (typeof value !== 'string' || !/^-?\d+$/.test(value.trim())) return value;
  return Number(value);
}
