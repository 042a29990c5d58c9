import { Query } from '@nestjs/cqrs';
import type { Page } from '../../../../../platform/http';
import type { RuleChange } from '../../../domain/risk-rules';

/** The history of the rules, newest first. */
export class ListRuleChangesQuery extends Query<Page<RuleChange>> {
  constructor(
    readonly limit: number,
    readonly startingAfter?: string,
  ) {
    super();
  }
}
