import { Command } from '@nestjs/cqrs';
import type { RiskRules } from '../../../domain/risk-rules';
import type { RuleChanger } from '../../../domain/risk-rules';

export class UpdateRulesCommand extends Command<{ rules: RiskRules; updatedAt: Date }> {
  constructor(
    readonly rules: RiskRules,
    /** Who changes them: the API key, for the history. */
    readonly changedBy: RuleChanger,
  ) {
    super();
  }
}
