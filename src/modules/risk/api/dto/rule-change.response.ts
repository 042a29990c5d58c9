import { ApiProperty } from '@nestjs/swagger';
import type { RuleChange } from '../../domain/risk-rules';
import { RiskRulesDto } from './risk-rules.dto';

class RuleChangerResponse {
  @ApiProperty({ description: 'The API key that changed the rules (`setting` for ADMIN_API_KEY)' }) keyId: string;
  @ApiProperty({ description: "The key's name" }) name: string;
}

export class RuleChangeResponse {
  @ApiProperty() id: string;
  @ApiProperty({ type: RiskRulesDto, description: 'The rules as they were set' }) rules: RiskRulesDto;
  @ApiProperty({ type: RuleChangerResponse }) changedBy: RuleChangerResponse;
  @ApiProperty() changedAt: string;

  static from(change: RuleChange): RuleChangeResponse {
    return {
      id: change.id,
      rules: change.rules,
      changedBy: { keyId: change.changedBy.keyId, name: change.changedBy.keyName },
      changedAt: change.changedAt.toISOString(),
    };
  }
}
