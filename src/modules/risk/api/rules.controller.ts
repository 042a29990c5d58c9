import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Caller, CurrentCaller, RequireScope } from '../../../platform/auth';
import { ApiPageResponse, ApiProblems, type Page, PageQueryDto } from '../../../platform/http';
import { ListRuleChangesQuery } from '../application/queries/list-rule-changes/list-rule-changes.query';
import { RuleChangeResponse } from './dto/rule-change.response';
import { UpdateRulesCommand } from '../application/commands/update-rules/update-rules.command';
import { GetRulesQuery } from '../application/queries/get-rules/get-rules.query';
import type { RiskRules } from '../domain/risk-rules';
import { RiskRulesDto } from './dto/risk-rules.dto';

const toResponse = ({ rules, updatedAt }: { rules: RiskRules; updatedAt: Date | null }): RiskRulesDto => ({
  ...(rules as RiskRulesDto),
  updatedAt: updatedAt?.toISOString(),
});

@ApiTags('Risk')
@Controller('v1/risk/rules')
export class RulesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @RequireScope('risk:read')
  @ApiOperation({ summary: 'The rules every payment is assessed against' })
  @ApiOkResponse({ type: RiskRulesDto })
  async get(): Promise<RiskRulesDto> {
    return toResponse(await this.queries.execute(new GetRulesQuery()));
  }

  @Put()
  @RequireScope('risk:write')
  @ApiOperation({ summary: 'Replace the rules; they apply to payments assessed from now on' })
  @ApiOkResponse({ type: RiskRulesDto })
  @ApiProblems({ status: 400, codes: ['REQUEST.VALIDATION_FAILED', 'RISK.INVALID_RULES'] })
  async replace(@Body() body: RiskRulesDto, @CurrentCaller() caller: Caller): Promise<RiskRulesDto> {
    const { maxAmount, velocity, newAccount, scores, thresholds } = body;
    return toResponse(
      await this.commands.execute(
        new UpdateRulesCommand({ maxAmount, velocity, newAccount, scores, thresholds }, caller),
      ),
    );
  }

  @Get('history')
  @RequireScope('risk:read')
  @ApiOperation({ summary: 'Every change of the rules, newest first, with the API key that made it' })
  @ApiPageResponse(RuleChangeResponse)
  @ApiProblems(400)
  async history(@Query() query: PageQueryDto): Promise<Page<RuleChangeResponse>> {
    const page = await this.queries.execute(new ListRuleChangesQuery(query.limit, query.startingAfter));
    return { ...page, data: page.data.map((change) => RuleChangeResponse.from(change)) };
  }
}
