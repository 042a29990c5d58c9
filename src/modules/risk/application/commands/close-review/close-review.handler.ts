import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AssessmentRepository } from '../../../infrastructure/assessment.repository';
import { CloseReviewCommand } from './close-review.command';

/** A payment canceled or expired while held for review leaves the review queue: there is nothing left to decide. */
@CommandHandler(CloseReviewCommand)
export class CloseReviewHandler implements ICommandHandler<CloseReviewCommand> {
  constructor(private readonly assessments: AssessmentRepository) {}

  async execute({ event }: CloseReviewCommand): Promise<void> {
    await this.assessments.closePendingReview(event.data.paymentId, `Payment ${event.type.split('.')[1]}`);
  }
}
