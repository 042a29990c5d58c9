import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { FirstDecision } from '../../../../../platform/coordination';
import { UnitOfWork } from '../../../../../platform/database';
import { EventPublisher } from '../../../../../platform/messaging';
import { reviewDecisionKey } from '../../../../payments/contracts/review-decision';
import { ReviewNotFoundError, ReviewNotPendingError } from '../../../domain/risk.errors';
import { AssessmentRepository } from '../../../infrastructure/assessment.repository';
import type { StoredAssessment } from '../../../domain/assessment';
import { DecideReviewCommand } from './decide-review.command';

@CommandHandler(DecideReviewCommand)
export class DecideReviewHandler implements ICommandHandler<DecideReviewCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly assessments: AssessmentRepository,
    private readonly events: EventPublisher,
    private readonly decisions: FirstDecision,
  ) {}

  execute({ paymentId, decision, note }: DecideReviewCommand): Promise<StoredAssessment> {
    return this.unitOfWork.run(async () => {
      const assessment = await this.assessments.lockByPayment(paymentId);
      if (!assessment) throw new ReviewNotFoundError(paymentId);
      if (assessment.reviewStatus !== 'pending')
        throw new ReviewNotPendingError(paymentId, assessment.reviewStatus ?? 'none');
      // Canceled (or expired) meanwhile, before risk heard of it: this decision lost the race.
      if (!(await this.decisions.claim(reviewDecisionKey(assessment.paymentId)))) {
        throw new ReviewNotPendingError(paymentId, 'closed');
      }
      const decided = await this.assessments.setReview(
        paymentId,
        decision === 'approve' ? 'approved' : 'rejected',
        note,
      );
      // The payment learns the decision by event: risk never touches payments.
      await this.events.publish('risk.reviewed', {
        version: 1,
        subject: paymentId,
        data: { paymentId, assessmentId: assessment.id, decision, note },
      });
      return decided;
    });
  }
}
