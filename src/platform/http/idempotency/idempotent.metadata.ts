export const IDEMPOTENT = Symbol('idempotent');

export interface IdempotentOptions {
  /** When true (the default), a request without an Idempotency-Key header is refused with 400. */
  readonly required: boolean;
  /** The response holds a secret (shown once): it is stored sealed, and opened only to replay it. */
  readonly sensitive?: boolean;
}
