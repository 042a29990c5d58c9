import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '../../../../../platform/database';
import { newId } from '../../../../../platform/ids';
import { planRefund } from '../../../domain/payment';
import { PaymentNotFoundError } from '../../../domain/payments.errors';
import type { Refund } from '../../../domain/refund';
import { AccountOwnersRepository } from '../../../infrastructure/account-owners.repository';
import { PaymentRepository } from '../../../infrastructure/payment.repository';
import { RefundRepository } from '../../../infrastructure/refund.repository';
import { PaymentLifecycle, refundFactsOf } from '../../payment-lifecycle';
import { CreateRefundCommand } from './create-refund.command';

@CommandHandler(CreateRefundCommand)
export class CreateRefundHandler implements ICommandHandler<CreateRefundCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly payments: PaymentRepository,
    private readonly refunds: RefundRepository,
    private readonly lifecycle: PaymentLifecycle,
    private readonly owners: AccountOwnersRepository,
  ) {}

  execute(command: CreateRefundCommand): Promise<Refund> {
    return this.unitOfWork.run(async () => {
      // The payment's lock serialises refunds of one payment, so concurrent ones never add up to more than it.
      const payment = await this.payments.lock(command.paymentId);
      if (!payment || !(await this.isPayeeOwner(payment.destinationAccountId, command.ownerId))) {
        throw new PaymentNotFoundError(command.paymentId);
      }
      const amount = planRefund(payment, await this.refunds.reserved(payment.id), command.amount);
      const refund = await this.refunds.insert({
        id: newId(),
        paymentId: payment.id,
        amount,
        currency: payment.currency,
        status: 'pending',
        reason: command.reason,
        failureCode: null,
        failureMessage: null,
        completedAt: null,
      });
      const facts = refundFactsOf(payment, refund);
      await this.lifecycle.publish(payment.id, 'refund.created', {
        version: 1,
        subject: payment.id,
        data: { ...facts, reason: refund.reason, createdAt: refund.createdAt.toISOString() },
      });
      await this.lifecycle.publish(payment.id, 'transfer.requested', {
        version: 1,
        subject: payment.id,
        data: {
          transferId: refund.id,
          kind: 'refund',
          sourceAccountId: facts.fromAccountId,
          destinationAccountId: facts.toAccountId,
          amount,
          currency: payment.currency,
          reference: payment.id,
          expiresAt: null,
          sourceOwnerId: command.ownerId,
        },
      });
      return refund;
    });
  }

  private async isPayeeOwner(accountId: string, ownerId: string | null): Promise<boolean> {
    return ownerId === null || (await this.owners.ownerOf(accountId)) === ownerId;
  }
}
