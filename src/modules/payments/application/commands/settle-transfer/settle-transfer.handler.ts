import { Logger } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { RequestContext, type Cause } from '../../../../../platform/context';
import { UnitOfWork } from '../../../../../platform/database';
import { normalizeId } from '../../../../../platform/ids';
import { onTransferSettled, type Payment } from '../../../domain/payment';
import { PaymentRepository } from '../../../infrastructure/payment.repository';
import { RefundRepository } from '../../../infrastructure/refund.repository';
import { PaymentLifecycle, refundFactsOf, type PaymentStep } from '../../payment-lifecycle';
import { SettleTransferCommand } from './settle-transfer.command';

interface Pending {
  readonly event: SettleTransferCommand['event'];
  readonly cause: Cause;
}

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
    return this.unitOfWork.run(() => {
      this.unitOfWork.collect(this, { event, cause: RequestContext.cause() }, (_, pending: readonly Pending[]) =>
        this.settleAll(pending),
      );
      return Promise.resolve();
    });
  }

  /**
   * Settles a batch set-based, just before its transaction commits: every payment it is about
   * (a payment's own transfer, or the payment a refund belongs to: the event's subject either way)
   * locked in one statement, in id order; payments moved on in memory and saved in one statement;
   * refunds, rare, one by one under their payment's lock.
   */
  private async settleAll(pending: readonly Pending[]): Promise<void> {
    const payments = await this.payments.lockAll(pending.map(({ event }) => this.paymentIdOf(event)));
    const steps: PaymentStep[] = [];
    for (const { event, cause } of pending) {
      const payment = payments.get(normalizeId(this.paymentIdOf(event))) ?? null;
      if (event.data.kind === 'refund') {
        await RequestContext.run(cause, () => this.settleRefund(event, payment));
        continue;
      }
      if (!payment) {
        this.ignore(event);
        continue;
      }
      this.lifecycle.recordReceived(payment.id, event);
      const outcome =
        event.type === 'transfer.succeeded'
          ? { ok: true as const }
          : { ok: false as const, reason: event.data.reason, message: event.data.message };
      steps.push({ payment, transition: onTransferSettled(payment, outcome), cause });
    }
    await this.lifecycle.applyAll(steps);
  }

  /** A payment's transfer id is the payment id; refunds are asked for, and answered, under their payment's subject. */
  private paymentIdOf(event: SettleTransferCommand['event']): string {
    return event.data.kind === 'payment' ? event.data.transferId : event.subject;
  }

  private async settleRefund(event: SettleTransferCommand['event'], payment: Payment | null): Promise<void> {
    // Payment first (locked with the batch), then refund: the order refund creation locks them in,
    // so the two never deadlock.
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
