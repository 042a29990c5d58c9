import { DomainError, InvalidRequestError, ResourceNotFoundError } from '../../../platform/errors';
import type { PaymentStatus } from './payment-status';

export class PaymentNotFoundError extends DomainError {
  readonly code = 'PAYMENTS.PAYMENT_NOT_FOUND';
  readonly kind = 'not_found';
  readonly title = 'Payment not found';

  constructor(paymentId: string) {
    super(`No payment ${paymentId}`);
  }
}

/** The source account is another owner's: to an owner-bound key it does not exist. */
export class SourceAccountNotFoundError extends ResourceNotFoundError {
  constructor(accountId: string) {
    super('PAYMENTS.ACCOUNT_NOT_FOUND', `No account ${accountId}`);
  }
}

export class SameAccountError extends InvalidRequestError {
  constructor() {
    super('PAYMENTS.SAME_ACCOUNT', 'The source and destination accounts must differ', [
      { field: 'destinationAccountId', message: 'must differ from sourceAccountId' },
    ]);
  }
}

export class PaymentNotCancelableError extends DomainError {
  readonly code = 'PAYMENTS.NOT_CANCELABLE';
  readonly kind = 'conflict';
  readonly title = 'Payment not cancelable';

  constructor(paymentId: string, status: PaymentStatus) {
    super(
      `Payment ${paymentId} is ${status}: only a payment whose money has not moved (pending, requires_review or requires_capture) can be canceled`,
    );
  }
}

export class PaymentNotRefundableError extends DomainError {
  readonly code = 'PAYMENTS.NOT_REFUNDABLE';
  readonly kind = 'conflict';
  readonly title = 'Payment not refundable';

  constructor(paymentId: string, status: PaymentStatus) {
    super(`Payment ${paymentId} is ${status}: only a succeeded payment can be refunded`);
  }
}

export class RefundExceedsRemainingError extends DomainError {
  readonly code = 'PAYMENTS.REFUND_EXCEEDS_REMAINING';
  readonly kind = 'unprocessable';
  readonly title = 'Refund exceeds the remaining amount';

  constructor(paymentId: string, requested: number, remaining: number, currency: string) {
    super(
      `Payment ${paymentId} has ${remaining} ${currency} left to refund (refunded or being refunded already: the rest); ${requested} requested`,
      [{ field: 'amount', message: `must not exceed the ${remaining} left to refund` }],
    );
  }
}

export class PaymentNotCapturableError extends DomainError {
  readonly code = 'PAYMENTS.NOT_CAPTURABLE';
  readonly kind = 'conflict';
  readonly title = 'Payment not capturable';

  constructor(paymentId: string, why: string) {
    super(
      `Payment ${paymentId} ${why}: only a payment in requires_capture can be captured, once, before its captureBefore`,
    );
  }
}

export class CaptureExceedsAuthorizedError extends DomainError {
  readonly code = 'PAYMENTS.CAPTURE_EXCEEDS_AUTHORIZED';
  readonly kind = 'unprocessable';
  readonly title = 'Capture exceeds the authorized amount';

  constructor(paymentId: string, requested: number, capturable: number, currency: string) {
    super(`Payment ${paymentId} has ${capturable} ${currency} authorized to capture; ${requested} requested`, [
      { field: 'amount', message: `must not exceed the ${capturable} authorized` },
    ]);
  }
}
