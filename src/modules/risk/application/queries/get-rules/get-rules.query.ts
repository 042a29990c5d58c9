import { Query } from '@nestjs/cqrs';
import type { RiskRules } from '../../../domain/risk-rules';

export class GetRulesQuery extends Query<{ rules: RiskRules; updatedAt: Date | null }> {}
