import { DomainError, ResourceNotFoundError } from '../errors/domain-error';

export class UnauthenticatedError extends DomainError {
  readonly code = 'AUTH.UNAUTHENTICATED';
  readonly kind = 'unauthenticated';
  readonly title = 'Unauthenticated';

  constructor(detail = 'Send a valid API key as `Authorization: Bearer sk_…`') {
    super(detail);
  }
}

export class ForbiddenError extends DomainError {
  readonly code = 'AUTH.FORBIDDEN';
  readonly kind = 'forbidden';
  readonly title = 'Forbidden';

  constructor(detail: string) {
    super(detail);
  }
}

export class ApiKeyNotFoundError extends ResourceNotFoundError {
  constructor(id: string) {
    super('AUTH.API_KEY_NOT_FOUND', `No API key ${id}`);
  }
}
