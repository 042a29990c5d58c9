import { DomainError, InvalidRequestError } from '../../errors/domain-error';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'Idempotent-Replayed';

export class IdempotencyKeyRequiredError extends InvalidRequestError {
  constructor() {
    super('IDEMPOTENCY.KEY_REQUIRED', 'This operation requires an Idempotency-Key header (1 to 255 characters)', [
      { field: 'Idempotency-Key', message: 'is required' },
    ]);
  }
}

export class IdempotencyKeyInvalidError extends InvalidRequestError {
  constructor() {
    super('IDEMPOTENCY.KEY_INVALID', 'The Idempotency-Key header must be 1 to 255 visible ASCII characters', [
      { field: 'Idempotency-Key', message: 'must be 1 to 255 visible ASCII characters' },
    ]);
  }
}

export class IdempotencyKeyInUseError extends DomainError {
  readonly code = 'IDEMPOTENCY.KEY_IN_USE';
  readonly kind = 'conflict';
  readonly title = 'Idempotency key in use';

  constructor() {
    super('A request with this Idempotency-Key is still being processed; retry once it has finished');
  }
}

export class IdempotencyKeyReusedError extends DomainError {
  readonly code = 'IDEMPOTENCY.KEY_REUSED';
  readonly kind = 'unprocessable';
  readonly title = 'Idempotency key reused';

  constructor() {
    super('This Idempotency-Key was already used with a different request; use a new key for a new request');
  }
}
