import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '../../../../../platform/database';
import { onHoldCaptured, onHoldPlaced, onHoldReleased } from '../../../domain/payment';
import { PaymentRepository } from '../../../infrastructure/payment.repository';
import { paymentsConfig, type PaymentsConfig } from '../../../payments.config';
import { PaymentLifecycle } from '../../payment-lifecycle';
import { SettleHoldCommand } from './settle-hold.command';

@CommandHandler(SettleHoldCommand)
export class SettleHoldHandler implements ICommandHandler<SettleHoldCommand> {
  private readonly logger = new Logger(SettleHoldHandler.name);

  constructor(
    @Inject(paymentsConfig.KEY) private readonly config: PaymentsConfig,
    private readonly unitOfWork: UnitOfWork,
    private readonly payments: PaymentRepository,
    private readonly lifecycle: PaymentLifecycle,
  ) {}

  /** Each rule ignores an answer that no longer applies (late, repeated, or for a payment that ended). */
  execute({ event }: SettleHoldCommand): Promise<void> {
    return this.unitOfWork.run(async () => {
      const payment = await this.payments.lock(event.data.transferId);
      if (!payment) {
        this.logger.warn(`${event.type} ${event.id} is about an unknown payment ${event.data.transferId}; ignored`);
        return;
      }
      this.lifecycle.recordReceived(payment.id, event);
      switch (event.type) {
        case 'transfer.held':
          await this.lifecycle.apply(payment, onHoldPlaced(payment, new Date(), this.config.captureWindowSeconds));
          return;
        case 'transfer.captured':
          await this.lifecycle.apply(payment, onHoldCaptured(payment, event.data.amount));
          return;
        case 'transfer.released':
          await this.lifecycle.apply(payment, onHoldReleased(payment, event.data.reason, event.data.message));
      }
    });
  }
}
