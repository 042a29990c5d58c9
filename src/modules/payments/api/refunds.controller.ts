import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CallerOwner, RequireScope } from '../../../platform/auth';
import {
  ApiPageResponse,
  ApiProblems,
  IDEMPOTENCY_PROBLEMS,
  Idempotent,
  MovesMoney,
  type Page,
  PageQueryDto,
} from '../../../platform/http';
import { CreateRefundCommand } from '../application/commands/create-refund/create-refund.command';
import { ListRefundsQuery } from '../application/queries/list-refunds/list-refunds.query';
import { CreateRefundRequest } from './dto/create-refund.request';
import { RefundResponse } from './dto/refund.response';

@ApiTags('Payments')
@Controller('v1/payments/:id/refunds')
export class RefundsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @MovesMoney()
  @RequireScope('payments:write')
  @HttpCode(HttpStatus.ACCEPTED)
  @Idempotent()
  @ApiOperation({
    summary: 'Refund a succeeded payment, in full or in part',
    description:
      'Accepted as `pending`; the money goes back from the payee to the payer, then the refund `succeeded` or `failed` ' +
      '(INSUFFICIENT_FUNDS when the payee no longer has it). Refunds never add up to more than the payment, even when sent concurrently.',
  })
  @ApiAcceptedResponse({ type: RefundResponse })
  @ApiProblems(
    { status: 400, codes: ['REQUEST.VALIDATION_FAILED'] },
    { status: 404, codes: ['PAYMENTS.PAYMENT_NOT_FOUND'] },
    { status: 409, codes: ['PAYMENTS.NOT_REFUNDABLE'] },
    { status: 422, codes: ['PAYMENTS.REFUND_EXCEEDS_REMAINING'] },
    ...IDEMPOTENCY_PROBLEMS,
  )
  async create(
    @Param('id') paymentId: string,
    @Body() body: CreateRefundRequest,
    @CallerOwner() owner: string | null,
  ): Promise<RefundResponse> {
    return RefundResponse.from(
      await this.commands.execute(new CreateRefundCommand(paymentId, body.amount, body.reason ?? null, owner)),
    );
  }

  @Get()
  @RequireScope('payments:read')
  @ApiOperation({ summary: "A payment's refunds, newest first" })
  @ApiPageResponse(RefundResponse)
  @ApiProblems(400, { status: 404, codes: ['PAYMENTS.PAYMENT_NOT_FOUND'] })
  async list(
    @Param('id') paymentId: string,
    @Query() query: PageQueryDto,
    @CallerOwner() owner: string | null,
  ): Promise<Page<RefundResponse>> {
    const page = await this.queries.execute(new ListRefundsQuery(paymentId, owner, query.limit, query.startingAfter));
    return { ...page, data: page.data.map((refund) => RefundResponse.from(refund)) };
  }
}
