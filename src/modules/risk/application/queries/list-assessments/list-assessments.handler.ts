import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { toPage, type Page } from '../../../../../platform/http';
import { AssessmentRepository } from '../../../infrastructure/assessment.repository';
import type { StoredAssessment } from '../../../domain/assessment';
import { ListAssessmentsQuery } from './list-assessments.query';

@QueryHandler(ListAssessmentsQuery)
export class ListAssessmentsHandler implements IQueryHandler<ListAssessmentsQuery> {
  constructor(private readonly assessments: AssessmentRepository) {}

  async execute({ filter, limit, startingAfter }: ListAssessmentsQuery): Promise<Page<StoredAssessment>> {
    return toPage(await this.assessments.list(filter, limit, startingAfter), limit);
  }
}
