import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { toPage, type Page } from '../../../../../platform/http';
import { RulesRepository, type RuleChange } from '../../../infrastructure/rules.repository';
import { ListRuleChangesQuery } from './list-rule-changes.query';

@QueryHandler(ListRuleChangesQuery)
export class ListRuleChangesHandler implements IQueryHandler<ListRuleChangesQuery> {
  constructor(private readonly rules: RulesRepository) {}

  async execute({ limit, startingAfter }: ListRuleChangesQuery): Promise<Page<RuleChange>> {
    return toPage(await this.rules.history(limit, startingAfter), limit);
  }
}
