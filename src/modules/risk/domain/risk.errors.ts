import { DomainError } from '../../../platform/errors';

export class InvalidRulesError extends DomainError {
  readonly code = 'RISK.INVALID_RULES';
  readonly kind = 'invalid';
  readonly title = 'Invalid risk rules';
}

export class AssessmentNotFoundError extends DomainError {
  readonly code = 'RISK.ASSESSMENT_NOT_FOUND';
  readonly kind = 'not_found';
  readonly title = 'Assessment not found';

  constructor(id: string) {
    super(`No risk assessment ${id}`);
  }
}

export class ReviewNotFoundError extends DomainError {
  readonly code = 'RISK.REVIEW_NOT_FOUND';
  readonly kind = 'not_found';
  readonly title = 'Review not found';

  constructor(paymentId: string) {
    super(`Payment ${paymentId} has no risk assessment`);
  }
}

export class ReviewNotPendingError extends DomainError {
  readonly code = 'RISK.REVIEW_NOT_PENDING';
  readonly kind = 'conflict';
  readonly title = 'Review not pending';

  constructor(paymentId: string, state: string) {
    super(`Payment ${paymentId} is not waiting for review (review: ${state})`);
  }
}

export class BlocklistEntryNotFoundError extends DomainError {
  readonly code = 'RISK.BLOCKLIST_ENTRY_NOT_FOUND';
  readonly kind = 'not_found';
  readonly title = 'Not on the blocklist';

  constructor(accountId: string) {
    super(`Account ${accountId} is not on the blocklist`);
  }
}
