import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '../../../../../platform/database';
import type { RiskRules } from '../../../domain/risk-rules';
import { InvalidRulesError } from '../../../domain/risk.errors';
import { RulesRepository } from '../../../infrastructure/rules.repository';
import { UpdateRulesCommand } from './update-rules.command';

@CommandHandler(UpdateRulesCommand)
export class UpdateRulesHandler implements ICommandHandler<UpdateRulesCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly repository: RulesRepository,
  ) {}

  execute({ rules, changedBy }: UpdateRulesCommand): Promise<{ rules: RiskRules; updatedAt: Date }> {
    // Field types and ranges are checked by the request DTO; this is the rule that spans fields.
    if (rules.thresholds.review > rules.thresholds.reject) {
      throw new InvalidRulesError('thresholds.review must not be above thresholds.reject', [
        { field: 'thresholds.review', message: 'must not be above thresholds.reject' },
      ]);
    }
    return this.unitOfWork.run(async () => ({ rules, updatedAt: await this.repository.replace(rules, changedBy) }));
  }
}
