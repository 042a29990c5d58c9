import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { FirstDecision } from '../../../../../platform/coordination';
import { UnitOfWork } from '../../../../../platform/database';
import { reviewDecisionKey } from '../../../contracts/review-decision';
import { cancel, type Payment } from '../../../domain/payment';
import { PaymentNotCancelableError, PaymentNotFoundError } from '../../../domain/payments.errors';
import { PaymentRepository } from '../../../infrastructure/payment.repository';
import { PaymentLifecycle } from '../../payment-lifecycle';
import { CancelPaymentCommand } from './cancel-payment.command';

@CommandHandler(CancelPaymentCommand)
export class CancelPaymentHandler implements ICommandHandler<CancelPaymentCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly payments: PaymentRepository,
    private readonly lifecycle: PaymentLifecycle,
    private readonly decisions: FirstDecision,
  ) {}

  execute({ paymentId, ownerId }: CancelPaymentCommand): Promise<Payment> {
    return this.unitOfWork.run(async () => {
      // Locked: a cancel and the risk decision that would move the money cannot both win.
      const payment = await this.payments.lock(paymentId);
      if (!payment || !(await this.payments.isVisibleTo(payment, ownerId))) throw new PaymentNotFoundError(paymentId);
      const transition = cancel(payment);
      // A review decision committed first (its event is on the way): the cancel lost the race.
      // Claimed for a pending payment too: a review may still open, and its decision must lose.
      const reviewable = payment.status === 'pending' || payment.status === 'requires_review';
      if (reviewable && !(await this.decisions.claim(reviewDecisionKey(payment.id)))) {
        throw new PaymentNotCancelableError(payment.id, payment.status);
      }
      return this.lifecycle.apply(payment, transition);
    });
  }
}
