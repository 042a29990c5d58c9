export const IDEMPOTENT = Symbol('idempotent');

export interface IdempotentOptions {
  /** When true (the default), a request without an Idempotency-Key header is refused with 400. */
  readonly required: boolean;
}
