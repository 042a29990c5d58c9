import { Query } from '@nestjs/cqrs';
import type { StoredAssessment } from '../../../infrastructure/assessment.repository';

export class GetAssessmentQuery extends Query<StoredAssessment> {
  constructor(readonly assessmentId: string) {
    super();
  }
}
