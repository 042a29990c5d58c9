import { Command } from '@nestjs/cqrs';
import type { StoredAssessment } from '../../../domain/assessment';

/** A person approves or rejects a payment held for review. */
export class DecideReviewCommand extends Command<StoredAssessment> {
  constructor(
    readonly paymentId: string,
    readonly decision: 'approve' | 'reject',
    readonly note: string | null,
  ) {
    super();
  }
}
