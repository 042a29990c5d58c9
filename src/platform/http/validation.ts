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

/** Why PostgreSQL text (and so a stored event) could not hold `text`, or null when it can. */
function textProblem(text: string): string | null {
  if (text.includes('\u0000')) return 'must not contain the NUL character';
  // A lone UTF-16 surrogate is valid JSON but not Unicode: jsonb and text refuse it.
  if (!(text as string & { isWellFormed(): boolean }).isWellFormed())
    return 'must be valid Unicode (no lone surrogate)';
  return null;
}

/**
 * The first string (or key) in a value that stored text could not hold, as a field error; null
 * if none. Bodies reach it already limited in depth (see json-depth.ts), so recursion is safe.
 */
export function findInvalidText(value: unknown, path = ''): FieldError | null {
  if (typeof value === 'string') {
    const message = textProblem(value);
    return message ? { field: path || 'value', message } : null;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findInvalidText(item, `${path}[${index}]`);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const field = path ? `${path}.${key}` : key;
      const message = textProblem(key);
      if (message) return { field, message };
      const found = findInvalidText(item, field);
      if (found) return found;
    }
  }
  return null;
}

/** ValidationPipe, plus a refusal of text the database cannot hold (NUL, lone surrogates) anywhere in the input. */
class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const invalid = findInvalidText(
      value,
      metadata.type === 'param' || metadata.type === 'custom' ? (metadata.data ?? '') : '',
    );
    if (invalid) throw new RequestValidationError([invalid]);
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
