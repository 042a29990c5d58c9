import { Logger } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { RequestContext, type Cause } from '../../../../../platform/context';
import { UnitOfWork } from '../../../../../platform/database';
import { normalizeId } from '../../../../../platform/ids';
import { onReviewDecided, onRiskAssessed } from '../../../domain/payment';
import { PaymentRepository } from '../../../infrastructure/payment.repository';
import { PaymentLifecycle, type PaymentStep } from '../../payment-lifecycle';
import { ApplyRiskDecisionCommand } from './apply-risk-decision.command';

interface Pending {
  readonly event: ApplyRiskDecisionCommand['event'];
  readonly cause: Cause;
}

/**
 * Applies risk's decisions set-based: the decisions of one transaction (a batch of events) are
 * gathered and, just before it commits, their payments are locked in one statement (id order),
 * moved on in memory by the domain rules, and saved in one statement.
 */
@CommandHandler(ApplyRiskDecisionCommand)
export class ApplyRiskDecisionHandler implements ICommandHandler<ApplyRiskDecisionCommand> {
  private readonly logger = new Logger(ApplyRiskDecisionHandler.name);

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly payments: PaymentRepository,
    private readonly lifecycle: PaymentLifecycle,
  ) {}

  execute({ event }: ApplyRiskDecisionCommand): Promise<void> {
    return this.unitOfWork.run(() => {
      this.unitOfWork.collect(this, { event, cause: RequestContext.cause() }, (_, pending: readonly Pending[]) =>
        this.applyAll(pending),
      );
      return Promise.resolve();
    });
  }

  private async applyAll(pending: readonly Pending[]): Promise<void> {
    const payments = await this.payments.lockAll(pending.map(({ event }) => event.data.paymentId));
    const now = new Date();
    const steps: PaymentStep[] = [];
    for (const { event, cause } of pending) {
      const payment = payments.get(normalizeId(event.data.paymentId));
      if (!payment) {
        this.logger.warn(`${event.type} ${event.id} is about an unknown payment ${event.data.paymentId}; ignored`);
        continue;
      }
      this.lifecycle.recordReceived(payment.id, event);
      if (event.type === 'risk.assessed') {
        const { assessmentId, decision, score, reasons } = event.data;
        const risk = {
          riskAssessmentId: assessmentId,
          riskDecision: decision,
          riskScore: score,
          riskReasons: [...reasons],
        };
        steps.push({ payment, transition: onRiskAssessed(payment, decision, now), changes: risk, cause });
      } else {
        const review = { reviewDecision: event.data.decision, reviewNote: event.data.note };
        steps.push({ payment, transition: onReviewDecided(payment, event.data.decision, now), changes: review, cause });
      }
    }
    await this.lifecycle.applyAll(steps);
  }
}
