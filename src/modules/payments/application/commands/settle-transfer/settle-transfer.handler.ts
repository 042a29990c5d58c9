import { Logger } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '../../../../../platform/database/unit-of-work';
import { onTransferSettled } from '../../../domain/payment';
import { PaymentRepository } from '../../../infrastructure/payment.repository';
import { RefundRepository } from '../../../infrastructure/refund.repository';
import { PaymentLifecycle, refundFactsOf } from '../../payment-lifecycle';
import { SettleTransferCommand } from './settle-transfer.command';

@CommandHandler(SettleTransferCommand)
export class SettleTransferHandler implements ICommandHandler<SettleTransferCommand> {
  private readonly logger = new Logger(SettleTransferHandler.name);

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly payments: PaymentRepository,
    private readonly refunds: RefundRepository,
    private readonly lifecycle: PaymentLifecycle,
  ) {}

  execute({ event }: SettleTransferCommand): Promise<void> {
    return this.unitOfWork.run(() =>
      event.data.kind === 'payment' ? this.settlePayment(event) : this.settleRefund(event),
    );
  }

  private async settlePayment(event: SettleTransferCommand['event']): Promise<void> {
    const payment = await this.payments.lock(event.data.transferId);
    if (!payment) return this.ignore(event);
    this.lifecycle.recordReceived(payment.id, event);
    const outcome =
      event.type === 'transfer.succeeded'
        ? { ok: true as const }
        : { ok: false as const, reason: event.data.reason, message: event.data.message };
    await this.lifecycle.apply(payment, onTransferSettled(payment, outcome));
  }

  private async settleRefund(event: SettleTransferCommand['event']): Promise<void> {
    // Refunds are asked for under their payment's subject, and answered under it. Payment first,
    // then refund: the order refund creation locks them in, so the two never deadlock.
    const payment = await this.payments.lock(event.subject);
    const refund = payment && (await this.refunds.lock(event.data.transferId));
    if (!payment || !refund || refund.paymentId !== payment.id) return this.ignore(event);
    this.lifecycle.recordReceived(payment.id, event);
    if (refund.status !== 'pending') return; // answered already

    const completedAt = new Date();
    const facts = refundFactsOf(payment, refund);
    if (event.type === 'transfer.succeeded') {
      await this.refunds.update(refund, { status: 'succeeded', completedAt });
      await this.payments.update(payment, { amountRefunded: payment.amountRefunded + refund.amount });
      await this.lifecycle.publish(payment.id, 'refund.succeeded', {
        version: 1,
        subject: payment.id,
        data: { ...facts, completedAt: completedAt.toISOString() },
      });
    } else {
      const { reason, message } = event.data;
      await this.refunds.update(refund, {
        status: 'failed',
        failureCode: reason,
        failureMessage: message,
        completedAt,
      });
      await this.lifecycle.publish(payment.id, 'refund.failed', {
        version: 1,
        subject: payment.id,
        data: { ...facts, failureCode: reason, failureMessage: message, completedAt: completedAt.toISOString() },
      });
    }
  }

  private ignore(event: SettleTransferCommand['event']): void {
    this.logger.warn(
      `${event.type} ${event.id} is about an unknown ${event.data.kind} ${event.data.transferId}; ignored`,
    );
  }
}
