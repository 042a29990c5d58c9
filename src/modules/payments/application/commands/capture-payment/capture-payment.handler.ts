import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '../../../../../platform/database';
import { capture, type Payment } from '../../../domain/payment';
import { PaymentNotFoundError } from '../../../domain/payments.errors';
import { AccountOwnersRepository } from '../../../infrastructure/account-owners.repository';
import { PaymentRepository } from '../../../infrastructure/payment.repository';
import { PaymentLifecycle } from '../../payment-lifecycle';
import { CapturePaymentCommand } from './capture-payment.command';

@CommandHandler(CapturePaymentCommand)
export class CapturePaymentHandler implements ICommandHandler<CapturePaymentCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly payments: PaymentRepository,
    private readonly lifecycle: PaymentLifecycle,
    private readonly owners: AccountOwnersRepository,
  ) {}

  execute({ paymentId, amount, ownerId }: CapturePaymentCommand): Promise<Payment> {
    return this.unitOfWork.run(async () => {
      // Locked, and the clock read once it is held: a capture, a cancel and the deadline (the
      // expiry job) each take this lock, so exactly one of them ends the hold.
      const payment = await this.payments.lock(paymentId);
      const payee = payment && ownerId !== null ? await this.owners.ownerOf(payment.destinationAccountId) : null;
      if (!payment || (ownerId !== null && payee !== ownerId)) throw new PaymentNotFoundError(paymentId);
      return this.lifecycle.apply(payment, capture(payment, amount, new Date()));
    });
  }
}
