import { Query } from '@nestjs/cqrs';
import type { StoredAssessment } from '../../../domain/assessment';

export class GetAssessmentQuery extends Query<StoredAssessment> {
  constructor(readonly assessmentId: string) {
    super();
  }
}
