/**
 * What kind of refusal an error is. The HTTP layer maps each kind to one status, so business
 * code never speaks HTTP.
 */
export type ErrorKind =
  | 'invalid' // 400: the input itself is wrong
  | 'unauthenticated' // 401: no caller, or an unknown one
  | 'forbidden' // 403: the caller may not do this
  | 'not_found' // 404
  | 'conflict' // 409: refused because of the current state
  | 'unprocessable' // 422: well-formed, refused by a business rule
  | 'too_large' // 413
  | 'rate_limited' // 429
  | 'unavailable'; // 503: a dependency (the database) is out of reach for now

export interface FieldError {
  field: string;
  message: string;
}

/**
 * Base of every error a module raises on purpose. `code` is stable and machine-readable
 * (`ACCOUNTS.INSUFFICIENT_FUNDS`); `title` is the short human summary shared by every error
 * of that code; the message is the specific detail.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  abstract readonly kind: ErrorKind;
  abstract readonly title: string;
  readonly fieldErrors?: FieldError[];

  constructor(detail: string, fieldErrors?: FieldError[]) {
    super(detail);
    this.name = new.target.name;
    this.fieldErrors = fieldErrors;
  }
}

/** Raised for input rejected at the edge: a body that does not validate, a bad header. */
export class InvalidRequestError extends DomainError {
  readonly kind = 'invalid';
  readonly title = 'Invalid request';

  constructor(
    readonly code: string,
    detail: string,
    fieldErrors?: FieldError[],
  ) {
    super(detail, fieldErrors);
  }
}

export class ResourceNotFoundError extends DomainError {
  readonly kind = 'not_found';
  readonly title = 'Resource not found';

  constructor(
    readonly code: string,
    detail: string,
  ) {
    super(detail);
  }
}
