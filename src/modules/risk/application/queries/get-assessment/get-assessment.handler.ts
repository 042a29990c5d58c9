import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { AssessmentNotFoundError } from '../../../domain/risk.errors';
import { AssessmentRepository } from '../../../infrastructure/assessment.repository';
import type { StoredAssessment } from '../../../domain/assessment';
import { GetAssessmentQuery } from './get-assessment.query';

@QueryHandler(GetAssessmentQuery)
export class GetAssessmentHandler implements IQueryHandler<GetAssessmentQuery> {
  constructor(private readonly assessments: AssessmentRepository) {}

  async execute({ assessmentId }: GetAssessmentQuery): Promise<StoredAssessment> {
    const assessment = await this.assessments.findById(assessmentId);
    if (!assessment) throw new AssessmentNotFoundError(assessmentId);
    return assessment;
  }
}
