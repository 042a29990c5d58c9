import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '../../../../../platform/database/unit-of-work';
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
  ) {}

  /**
   * Locks a batch of pending or reviewed payments past their deadline (skipping any another
   * transaction holds, such as a risk decision being applied) and expires them. A payment whose
   * money may already be moving (processing) is never expired here: accounts refuses its transfer
   * once the deadline has passed, and that answer expires it.
   */
  execute({ batchSize }: ExpirePaymentsCommand): Promise<number> {
    return this.unitOfWork.run(async () => {
      const now = new Date();
      let expired = 0;
      for (const payment of await this.payments.expiring(now, batchSize)) {
        const transition = expire(payment, now);
        if (!transition) continue;
        await this.lifecycle.apply(payment, transition);
        expired++;
      }
      return expired;
    });
  }
}
