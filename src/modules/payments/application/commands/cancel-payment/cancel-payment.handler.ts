import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '../../../../../platform/database/unit-of-work';
import { cancel } from '../../../domain/payment';
import { PaymentNotFoundError } from '../../../domain/payments.errors';
import type { PaymentEntity } from '../../../infrastructure/payment.entity';
import { PaymentRepository } from '../../../infrastructure/payment.repository';
import { PaymentLifecycle } from '../../payment-lifecycle';
import { CancelPaymentCommand } from './cancel-payment.command';

@CommandHandler(CancelPaymentCommand)
export class CancelPaymentHandler implements ICommandHandler<CancelPaymentCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly payments: PaymentRepository,
    private readonly lifecycle: PaymentLifecycle,
  ) {}

  execute({ paymentId, ownerId }: CancelPaymentCommand): Promise<PaymentEntity> {
    return this.unitOfWork.run(async () => {
      // Locked: a cancel and the risk decision that would move the money cannot both win.
      const payment = await this.payments.lock(paymentId);
      if (!payment || !(await this.payments.isVisibleTo(payment, ownerId))) throw new PaymentNotFoundError(paymentId);
      return this.lifecycle.apply(payment, cancel(payment));
    });
  }
}
