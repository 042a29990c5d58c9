import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { InvalidRequestError, type FieldError } from '../errors/domain-error';

const VALIDATION_FAILED = 'REQUEST.VALIDATION_FAILED';

// What says most about a wrong value comes first: that it should not be there, or is missing,
// or has the wrong type; range and format rules only after.
function rank(rule: string): number {
  if (rule === 'whitelistValidation') return 0;
  if (rule === 'isDefined' || rule === 'isNotEmpty') return 1;
  if (/^is(Int|String|Boolean|Number|Object|Array|Uuid|In|Enum)$/.test(rule)) return 2;
  return 3;
}

/** Flattens class-validator's tree into one `{ field: 'metadata.note', message }` per field: its most telling problem. */
export function toFieldErrors(errors: readonly ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const [first] = Object.entries(error.constraints ?? {}).sort(([a], [b]) => rank(a) - rank(b));
    const own = first
      ? [
          {
            field,
            message:
              first[0] === 'whitelistValidation'
                ? 'is not an accepted field'
                : first[1].replace(new RegExp(`^${error.property} `), ''),
          },
        ]
      : [];
    return [...own, ...toFieldErrors(error.children ?? [], field)];
  });
}

export class RequestValidationError extends InvalidRequestError {
  constructor(errors: FieldError[]) {
    const summary = errors.map((e) => `${e.field} ${e.message}`).join('; ');
    super(VALIDATION_FAILED, `The request is invalid: ${summary}`, errors);
  }
}

/** Where a NUL character hides in a value (PostgreSQL text cannot hold it), as a field path; null if nowhere. */
export function findNulCharacter(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path || 'value' : null;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findNulCharacter(item, `${path}[${index}]`);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const field = path ? `${path}.${key}` : key;
      if (key.includes('\u0000')) return field;
      const found = findNulCharacter(item, field);
      if (found) return found;
    }
  }
  return null;
}

/** ValidationPipe, plus a refusal of the NUL character anywhere in the input. */
class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const field = findNulCharacter(
      value,
      metadata.type === 'param' || metadata.type === 'custom' ? (metadata.data ?? '') : '',
    );
    if (field) throw new RequestValidationError([{ field, message: 'must not contain the NUL character' }]);
    return super.transform(value, metadata);
  }
}

/** Strict input: unknown fields are refused, types are not coerced, every problem is reported per field. */
export function createValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new RequestValidationError(toFieldErrors(errors)),
  });
}
