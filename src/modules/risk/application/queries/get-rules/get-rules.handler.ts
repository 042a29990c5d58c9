import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { RiskRules } from '../../../domain/risk-rules';
import { RulesRepository } from '../../../infrastructure/rules.repository';
import { GetRulesQuery } from './get-rules.query';

@QueryHandler(GetRulesQuery)
export class GetRulesHandler implements IQueryHandler<GetRulesQuery> {
  constructor(private readonly rules: RulesRepository) {}

  execute(): Promise<{ rules: RiskRules; updatedAt: Date | null }> {
    return this.rules.current();
  }
}
