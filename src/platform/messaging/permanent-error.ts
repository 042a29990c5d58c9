/**
 * Thrown by a consumer for a failure that no retry can fix (a malformed event, a rule that will
 * never pass). The delivery goes straight to the dead letters instead of being retried.
 */
export class PermanentError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentError';
  }
}
