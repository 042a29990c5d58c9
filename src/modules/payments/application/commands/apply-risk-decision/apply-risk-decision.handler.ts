import { Logger } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '../../../../../platform/database/unit-of-work';
import { onReviewDecided, onRiskAssessed } from '../../../domain/payment';
import { PaymentRepository } from '../../../infrastructure/payment.repository';
import { PaymentLifecycle } from '../../payment-lifecycle';
import { ApplyRiskDecisionCommand } from './apply-risk-decision.command';

@CommandHandler(ApplyRiskDecisionCommand)
export class ApplyRiskDecisionHandler implements ICommandHandler<ApplyRiskDecisionCommand> {
  private readonly logger = new Logger(ApplyRiskDecisionHandler.name);

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly payments: PaymentRepository,
    private readonly lifecycle: PaymentLifecycle,
  ) {}

  execute({ event }: ApplyRiskDecisionCommand): Promise<void> {
    return this.unitOfWork.run(async () => {
      const payment = await this.payments.lock(event.data.paymentId);
      if (!payment) {
        this.logger.warn(`${event.type} ${event.id} is about an unknown payment ${event.data.paymentId}; ignored`);
        return;
      }
      this.lifecycle.recordReceived(payment.id, event);
      const now = new Date();
      if (event.type === 'risk.assessed') {
        const { assessmentId, decision, score, reasons } = event.data;
        const risk = {
          riskAssessmentId: assessmentId,
          riskDecision: decision,
          riskScore: score,
          riskReasons: [...reasons],
        };
        await this.lifecycle.apply(payment, onRiskAssessed(payment, decision, now), risk);
      } else {
        const review = { reviewDecision: event.data.decision, reviewNote: event.data.note };
        await this.lifecycle.apply(payment, onReviewDecided(payment, event.data.decision, now), review);
      }
    });
  }
}
