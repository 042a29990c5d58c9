import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '../../../../../platform/database/unit-of-work';
import { newId } from '../../../../../platform/ids';
import { EventPublisher } from '../../../../../platform/messaging/event-publisher';
import { assessPayment } from '../../../domain/assess-payment';
import { AssessmentRepository } from '../../../infrastructure/assessment.repository';
import { RiskReadModelsRepository } from '../../../infrastructure/risk-read-models.repository';
import { RulesRepository } from '../../../infrastructure/rules.repository';
import { AssessPaymentCommand } from './assess-payment.command';

@CommandHandler(AssessPaymentCommand)
export class AssessPaymentHandler implements ICommandHandler<AssessPaymentCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly rules: RulesRepository,
    private readonly readModels: RiskReadModelsRepository,
    private readonly assessments: AssessmentRepository,
    private readonly events: EventPublisher,
  ) {}

  execute({ payment }: AssessPaymentCommand): Promise<void> {
    return this.unitOfWork.run(async () => {
      // Before reading the payer's history: a concurrent assessment of the same payer commits
      // first, so velocity counts every earlier payment, however many arrive at once.
      await this.readModels.lockPayer(payment.sourceAccountId);
      const { rules } = await this.rules.current();
      const now = new Date();
      const since = new Date(now.getTime() - rules.velocity.windowSeconds * 1000);
      const context = await this.readModels.assessmentContext({ ...payment, since });
      const assessment = assessPayment(payment, { ...context, now }, rules);

      const stored = await this.assessments.insert({
        id: newId(),
        paymentId: payment.paymentId,
        sourceAccountId: payment.sourceAccountId,
        destinationAccountId: payment.destinationAccountId,
        amount: payment.amount,
        currency: payment.currency,
        decision: assessment.decision,
        score: assessment.score,
        reasons: assessment.reasons,
        reviewStatus: assessment.decision === 'review' ? 'pending' : null,
      });
      if (!stored) return; // assessed already: the decision stands, and was published then
      await this.readModels.rememberPayment({ ...payment, createdAt: new Date(payment.createdAt) });
      await this.events.publish('risk.assessed', {
        version: 1,
        subject: payment.paymentId,
        data: {
          paymentId: payment.paymentId,
          assessmentId: stored.id,
          decision: stored.decision,
          score: stored.score,
          reasons: stored.reasons.map((reason) => reason.code),
          sourceAccountId: payment.sourceAccountId,
          destinationAccountId: payment.destinationAccountId,
          amount: payment.amount,
          currency: payment.currency,
        },
      });
    });
  }
}
