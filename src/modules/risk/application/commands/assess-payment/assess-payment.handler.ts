import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { RequestContext, type Cause } from '../../../../../platform/context';
import { UnitOfWork } from '../../../../../platform/database';
import { newId } from '../../../../../platform/ids';
import { EventPublisher } from '../../../../../platform/messaging';
import type { PaymentCreatedV1 } from '../../../../payments/contracts/payment-events';
import { assessPayment } from '../../../domain/assess-payment';
import { AssessmentRepository } from '../../../infrastructure/assessment.repository';
import { RiskReadModelsRepository } from '../../../infrastructure/risk-read-models.repository';
import { RulesRepository } from '../../../infrastructure/rules.repository';
import { AssessPaymentCommand } from './assess-payment.command';

interface Pending {
  readonly payment: PaymentCreatedV1;
  readonly cause: Cause;
}

/**
 * Assesses payments set-based: those of one transaction (a batch of events) are gathered, and just
 * before it commits they are assessed together, in two round trips: remembered and their context
 * read in one write, their assessments stored in one insert that goes out with the COMMIT.
 *
 * Velocity holds under concurrency: remembering a payment takes its payer's lock until the batch
 * commits, so a payer's payments take their places in its history one transaction at a time, and
 * each counts the payments before it there, all committed by then. So every payment sees exactly
 * those that came before it, however the batches interleave.
 */
@CommandHandler(AssessPaymentCommand)
export class AssessPaymentHandler implements ICommandHandler<AssessPaymentCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly rules: RulesRepository,
    private readonly readModels: RiskReadModelsRepository,
    private readonly assessments: AssessmentRepository,
    private readonly events: EventPublisher,
  ) {}

  execute({ event }: AssessPaymentCommand): Promise<void> {
    return this.unitOfWork.run(() => {
      this.unitOfWork.collect(
        this,
        { payment: event.data, cause: RequestContext.cause() },
        (_, pending: readonly Pending[]) => this.assessAll(pending),
      );
      return Promise.resolve();
    });
  }

  private async assessAll(pending: readonly Pending[]): Promise<void> {
    const payments = pending.map(({ payment }) => payment);
    await this.readModels.rememberPayments(payments.map((p) => ({ ...p, createdAt: new Date(p.createdAt) })));
    const { rules } = await this.rules.current();
    const now = new Date();
    const since = new Date(now.getTime() - rules.velocity.windowSeconds * 1000);
    const contexts = await this.readModels.assessmentContexts(payments, since);

    // One assessed already (a repeated event) keeps its decision, published then.
    const assessed = payments
      .filter((payment) => !contexts.get(payment.paymentId)!.assessed)
      .map((payment) => {
        const assessment = assessPayment(payment, { ...contexts.get(payment.paymentId)!, now }, rules);
        return {
          id: newId(),
          paymentId: payment.paymentId,
          sourceAccountId: payment.sourceAccountId,
          destinationAccountId: payment.destinationAccountId,
          amount: payment.amount,
          currency: payment.currency,
          decision: assessment.decision,
          score: assessment.score,
          reasons: assessment.reasons,
          reviewStatus: assessment.decision === 'review' ? ('pending' as const) : null,
        };
      });
    await this.assessments.insertAll(assessed);
    const stored = new Map(assessed.map((assessment) => [assessment.paymentId, assessment]));

    for (const { payment, cause } of pending) {
      const assessment = stored.get(payment.paymentId);
      if (!assessment) continue;
      await RequestContext.run(cause, () =>
        this.events.publish('risk.assessed', {
          version: 1,
          subject: payment.paymentId,
          data: {
            paymentId: payment.paymentId,
            assessmentId: assessment.id,
            decision: assessment.decision,
            score: assessment.score,
            reasons: assessment.reasons.map((reason) => reason.code),
            sourceAccountId: payment.sourceAccountId,
            destinationAccountId: payment.destinationAccountId,
            amount: payment.amount,
            currency: payment.currency,
          },
        }),
      );
    }
  }
}
