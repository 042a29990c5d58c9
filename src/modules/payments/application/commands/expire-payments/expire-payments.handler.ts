import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { FirstDecision } from '../../../../../platform/coordination';
import { UnitOfWork } from '../../../../../platform/database';
import { reviewDecisionKey } from '../../../contracts/review-decision';
import { expire } from '../../../domain/payment';
import { PaymentRepository } from '../../../infrastructure/payment.repository';
import { PaymentLifecycle } from '../../payment-lifecycle';
import { ExpirePaymentsCommand } from './expire-payments.command';

@CommandHandler(ExpirePaymentsCommand)
export class ExpirePaymentsHandler implements ICommandHandler<ExpirePaymentsCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly payments: PaymentRepository,
    private readonly lifecycle: PaymentLifecycle,
    private readonly decisions: FirstDecision,
  ) {}

  /**
   * Locks a batch of pending or reviewed payments past their deadline (skipping any another
   * transaction holds, such as a risk decision being applied) and expires them.
   *
   * A processing payment's money may already be moving, so it is never expired here. Accounts
   * refuses a transfer that reaches it after the deadline; and if the transfer is still unanswered
   * (stuck, or dead), accounts is asked to cancel it: it then answers with the transfer's outcome,
   * `EXPIRED` if it had not run, and that answer ends the payment.
   */
  execute({ batchSize }: ExpirePaymentsCommand): Promise<number> {
    return this.unitOfWork.run(async () => {
      const now = new Date();
      let expired = 0;
      for (const payment of await this.payments.expiring(now, batchSize)) {
        const transition = expire(payment, now);
        if (!transition) continue;
        // A review decided first moves the payment on when its event arrives: not expired here.
        const reviewable = payment.status === 'pending' || payment.status === 'requires_review';
        if (reviewable && !(await this.decisions.claim(reviewDecisionKey(payment.id)))) continue;
        await this.lifecycle.apply(payment, transition);
        expired++;
      }
      for (const payment of await this.payments.overdueTransfers(now, batchSize)) {
        await this.payments.update(payment, { transferCancelRequestedAt: now });
        await this.lifecycle.publish(payment.id, 'transfer.cancellation_requested', {
          version: 1,
          subject: payment.id,
          data: { transferId: payment.id, kind: 'payment', reason: 'EXPIRED' },
        });
      }
      return expired;
    });
  }
}
