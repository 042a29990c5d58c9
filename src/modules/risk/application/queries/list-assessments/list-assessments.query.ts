import { Query } from '@nestjs/cqrs';
import type { Page } from '../../../../../platform/http';
import type { ReviewStatus, StoredAssessment } from '../../../domain/assessment';

/** Assessments, newest first; with `reviewStatus: 'pending'`, the payments waiting for a person. */
export class ListAssessmentsQuery extends Query<Page<StoredAssessment>> {
  constructor(
    readonly filter: { paymentId?: string; reviewStatus?: ReviewStatus },
    readonly limit: number,
    readonly startingAfter?: string,
  ) {
    super();
  }
}
