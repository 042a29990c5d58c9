import { DomainError } from '../../errors/domain-error';

export class RateLimitedError extends DomainError {
  readonly code = 'RATE_LIMITED';
  readonly kind = 'rate_limited';
  readonly title = 'Too many requests';

  constructor(readonly retryAfterSeconds: number) {
    super(`Over the rate limit: retry in ${retryAfterSeconds} s`);
  }
}
