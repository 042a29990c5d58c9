import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ApiPageResponse,
  ApiProblems,
  IDEMPOTENCY_PROBLEMS,
  Idempotent,
  type Page,
  PageQueryDto,
} from '../../../platform/http';
import { DecideReviewCommand } from '../application/commands/decide-review/decide-review.command';
import { GetAssessmentQuery } from '../application/queries/get-assessment/get-assessment.query';
import { ListAssessmentsQuery } from '../application/queries/list-assessments/list-assessments.query';
import { AssessmentResponse } from './dto/assessment.response';
import { ListAssessmentsQueryDto, ReviewDecisionRequest } from './dto/requests';
import { RequireScope } from '../../../platform/auth';

const REVIEW_PROBLEMS = [
  400,
  { status: 404, codes: ['RISK.REVIEW_NOT_FOUND'] },
  { status: 409, codes: ['RISK.REVIEW_NOT_PENDING'] },
  ...IDEMPOTENCY_PROBLEMS,
] as const;

@ApiTags('Risk')
@Controller('v1/risk')
export class AssessmentsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get('assessments')
  @RequireScope('risk:read')
  @ApiOperation({ summary: 'Risk assessments, newest first; filter by payment' })
  @ApiPageResponse(AssessmentResponse)
  @ApiProblems(400)
  async list(@Query() query: ListAssessmentsQueryDto): Promise<Page<AssessmentResponse>> {
    const page = await this.queries.execute(
      new ListAssessmentsQuery({ paymentId: query.paymentId }, query.limit, query.startingAfter),
    );
    return { ...page, data: page.data.map((a) => AssessmentResponse.from(a)) };
  }

  @Get('assessments/:id')
  @RequireScope('risk:read')
  @ApiOperation({ summary: 'One assessment, with the rules that fired' })
  @ApiOkResponse({ type: AssessmentResponse })
  @ApiProblems({ status: 404, codes: ['RISK.ASSESSMENT_NOT_FOUND'] })
  async get(@Param('id') id: string): Promise<AssessmentResponse> {
    return AssessmentResponse.from(await this.queries.execute(new GetAssessmentQuery(id)));
  }

  @Get('reviews')
  @RequireScope('risk:read')
  @ApiOperation({ summary: 'Payments waiting for a person to approve or reject them, newest first' })
  @ApiPageResponse(AssessmentResponse)
  @ApiProblems(400)
  async reviews(@Query() query: PageQueryDto): Promise<Page<AssessmentResponse>> {
    const page = await this.queries.execute(
      new ListAssessmentsQuery({ reviewStatus: 'pending' }, query.limit, query.startingAfter),
    );
    return { ...page, data: page.data.map((a) => AssessmentResponse.from(a)) };
  }

  @Post('reviews/:paymentId/approve')
  @RequireScope('risk:write')
  @HttpCode(HttpStatus.OK)
  @Idempotent({ required: false })
  @ApiOperation({ summary: 'Approve a payment held for review: it goes on to move the money' })
  @ApiOkResponse({ type: AssessmentResponse })
  @ApiProblems(...REVIEW_PROBLEMS)
  approve(@Param('paymentId') paymentId: string, @Body() body: ReviewDecisionRequest): Promise<AssessmentResponse> {
    return this.decide(paymentId, 'approve', body);
  }

  @Post('reviews/:paymentId/reject')
  @RequireScope('risk:write')
  @HttpCode(HttpStatus.OK)
  @Idempotent({ required: false })
  @ApiOperation({ summary: 'Reject a payment held for review: it fails with RISK_REJECTED' })
  @ApiOkResponse({ type: AssessmentResponse })
  @ApiProblems(...REVIEW_PROBLEMS)
  reject(@Param('paymentId') paymentId: string, @Body() body: ReviewDecisionRequest): Promise<AssessmentResponse> {
    return this.decide(paymentId, 'reject', body);
  }

  private async decide(
    paymentId: string,
    decision: 'approve' | 'reject',
    body: ReviewDecisionRequest,
  ): Promise<AssessmentResponse> {
    return AssessmentResponse.from(
      await this.commands.execute(new DecideReviewCommand(paymentId, decision, body.note ?? null)),
    );
  }
}
