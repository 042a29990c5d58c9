import { Command } from '@nestjs/cqrs';
import type { RiskRules } from '../../../domain/risk-rules';

export class UpdateRulesCommand extends Command<{ rules: RiskRules; updatedAt: Date }> {
  constructor(readonly rules: RiskRules) {
    super();
  }
}
