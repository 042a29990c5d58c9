import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { toPage, type Page } from '../../../../../platform/http';
import { RulesRepository } from '../../../infrastructure/rules.repository';
import type { RuleChange } from '../../../domain/risk-rules';
import { ListRuleChangesQuery } from './list-rule-changes.query';

@QueryHandler(ListRuleChangesQuery)
export class ListRuleChangesHandler implements IQueryHandler<ListRuleChangesQuery> {
  constructor(private readonly rules: RulesRepository) {}

  async execute({ limit, startingAfter }: ListRuleChangesQuery): Promise<Page<RuleChange>> {
    return toPage(await this.rules.history(limit, startingAfter), limit);
  }
}
