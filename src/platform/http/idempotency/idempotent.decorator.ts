import { applyDecorators, SetMetadata, UseInterceptors } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IDEMPOTENT, type IdempotentOptions } from './idempotent.metadata';

/**
 * Opts an endpoint into Idempotency-Key handling: the same key with the same request replays the
 * first response (with `Idempotent-Replayed: true`); with a different request it is refused (422
 * IDEMPOTENCY.KEY_REUSED); while the first is still running, 409 IDEMPOTENCY.KEY_IN_USE. A request
 * that fails validation is not stored. Keys are kept for at least 24 hours, per caller.
 */
export function Idempotent(options: IdempotentOptions = { required: true }) {
  return applyDecorators(
    SetMetadata(IDEMPOTENT, options),
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: 'Idempotency-Key',
      required: options.required,
      description:
        'A unique key (1 to 255 characters) that makes retries safe: the same key and body replay the first ' +
        'response with `Idempotent-Replayed: true`; a different body gets 422 `IDEMPOTENCY.KEY_REUSED`; a ' +
        'request still running gets 409 `IDEMPOTENCY.KEY_IN_USE`. Make a new one per operation, such as a UUID ' +
        '(`uuidgen`, `crypto.randomUUID()`), and send it again only to retry that operation. Try it out fills ' +
        'in a fresh UUID.',
      // No example: a fixed one would be sent by every Try-it-out and reused across operations.
      schema: { type: 'string', minLength: 1, maxLength: 255 },
    }),
  );
}

/** What an `@Idempotent()` endpoint may answer besides its own problems: spread into `@ApiProblems`. */
export const IDEMPOTENCY_PROBLEMS = [
  { status: 400, codes: ['IDEMPOTENCY.KEY_REQUIRED', 'IDEMPOTENCY.KEY_INVALID'] },
  { status: 409, codes: ['IDEMPOTENCY.KEY_IN_USE'] },
  { status: 422, codes: ['IDEMPOTENCY.KEY_REUSED'] },
] as const;
