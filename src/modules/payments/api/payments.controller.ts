import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
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
import { CancelPaymentCommand } from '../application/commands/cancel-payment/cancel-payment.command';
import { CapturePaymentCommand } from '../application/commands/capture-payment/capture-payment.command';
import { CreatePaymentCommand } from '../application/commands/create-payment/create-payment.command';
import { GetPaymentTimelineQuery } from '../application/queries/get-payment-timeline/get-payment-timeline.query';
import { GetPaymentQuery } from '../application/queries/get-payment/get-payment.query';
import { ListPaymentsQuery } from '../application/queries/list-payments/list-payments.query';
import { CapturePaymentRequest } from './dto/capture-payment.request';
import { CreatePaymentRequest } from './dto/create-payment.request';
import { ListPaymentsQueryDto } from './dto/list-payments.query';
import { PaymentResponse } from './dto/payment.response';
import { TimelineEventResponse } from './dto/timeline-event.response';

const NOT_FOUND = { status: 404, codes: ['PAYMENTS.PAYMENT_NOT_FOUND'] };

@ApiTags('Payments')
@Controller('v1/payments')
export class PaymentsController {
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
    summary: 'Send money from one account to another',
    description:
      'Accepted as `pending`; risk checks, the move of money and the outcome follow asynchronously. Poll the payment (or ' +
      'subscribe to webhooks) for `succeeded`, `failed` (with `failureCode`), `requires_review`, `canceled` or `expired`. ' +
      'An unknown account or a currency mismatch is only known then: the payment fails with ACCOUNT_NOT_FOUND or CURRENCY_MISMATCH. ' +
      'With `captureMethod: "manual"` the money is only held: the payment waits in `requires_capture` (payment.authorized) for its capture.',
  })
  @ApiAcceptedResponse({ type: PaymentResponse })
  @ApiProblems(
    { status: 400, codes: ['REQUEST.VALIDATION_FAILED', 'PAYMENTS.SAME_ACCOUNT'] },
    { status: 404, codes: ['PAYMENTS.ACCOUNT_NOT_FOUND'] },
    ...IDEMPOTENCY_PROBLEMS,
  )
  async create(@Body() body: CreatePaymentRequest, @CallerOwner() owner: string | null): Promise<PaymentResponse> {
    const payment = await this.commands.execute(
      new CreatePaymentCommand(
        body.sourceAccountId,
        body.destinationAccountId,
        body.amount,
        body.currency,
        body.description ?? null,
        body.metadata ?? {},
        owner,
        body.captureMethod ?? 'automatic',
      ),
    );
    return PaymentResponse.from(payment);
  }

  @Get()
  @RequireScope('payments:read')
  @ApiOperation({ summary: 'List payments, newest first' })
  @ApiPageResponse(PaymentResponse)
  @ApiProblems(400)
  async list(
    @Query() query: ListPaymentsQueryDto,
    @CallerOwner() owner: string | null,
  ): Promise<Page<PaymentResponse>> {
    const { limit, startingAfter, accountId, status, createdFrom, createdTo } = query;
    const filter = {
      ownerId: owner,
      accountId,
      status,
      createdFrom: createdFrom ? new Date(createdFrom) : undefined,
      createdTo: createdTo ? new Date(createdTo) : undefined,
    };
    const page = await this.queries.execute(new ListPaymentsQuery(filter, limit, startingAfter));
    return { ...page, data: page.data.map((payment) => PaymentResponse.from(payment)) };
  }

  @Get(':id')
  @RequireScope('payments:read')
  @ApiOperation({ summary: 'Get a payment' })
  @ApiOkResponse({ type: PaymentResponse })
  @ApiProblems(NOT_FOUND)
  async get(@Param('id') id: string, @CallerOwner() owner: string | null): Promise<PaymentResponse> {
    return PaymentResponse.from(await this.queries.execute(new GetPaymentQuery(id, owner)));
  }

  @Post(':id/cancel')
  @RequireScope('payments:write')
  @HttpCode(HttpStatus.OK)
  @Idempotent({ required: false })
  @ApiOperation({
    summary: 'Cancel a payment whose money has not moved (pending, requires_review, or requires_capture)',
    description:
      'Canceling a payment in `requires_capture` voids its hold: the money becomes available to the payer again.',
  })
  @ApiOkResponse({ type: PaymentResponse })
  @ApiProblems(NOT_FOUND, { status: 409, codes: ['PAYMENTS.NOT_CANCELABLE'] }, ...IDEMPOTENCY_PROBLEMS)
  async cancel(@Param('id') id: string, @CallerOwner() owner: string | null): Promise<PaymentResponse> {
    return PaymentResponse.from(await this.commands.execute(new CancelPaymentCommand(id, owner)));
  }

  @Post(':id/capture')
  @MovesMoney()
  @RequireScope('payments:write')
  @HttpCode(HttpStatus.ACCEPTED)
  @Idempotent({ required: false })
  @ApiOperation({
    summary: 'Capture a held payment (requires_capture), in full or in part',
    description:
      'Accepted as `processing`; the captured amount moves to the payee and the rest of the hold goes back to the payer, ' +
      'in one transaction, then the payment `succeeded` with `amountCaptured`. Once per payment, before `captureBefore`. ' +
      "An owner-bound key captures only payments to its owner's accounts.",
  })
  @ApiAcceptedResponse({ type: PaymentResponse })
  @ApiProblems(
    { status: 400, codes: ['REQUEST.VALIDATION_FAILED'] },
    NOT_FOUND,
    { status: 409, codes: ['PAYMENTS.NOT_CAPTURABLE'] },
    { status: 422, codes: ['PAYMENTS.CAPTURE_EXCEEDS_AUTHORIZED'] },
    ...IDEMPOTENCY_PROBLEMS,
  )
  async capture(
    @Param('id') id: string,
    @Body() body: CapturePaymentRequest,
    @CallerOwner() owner: string | null,
  ): Promise<PaymentResponse> {
    return PaymentResponse.from(await this.commands.execute(new CapturePaymentCommand(id, body.amount, owner)));
  }

  @Get(':id/events')
  @RequireScope('payments:read')
  @ApiOperation({
    summary: "The payment's timeline: every integration event about it, oldest first",
    description: 'Each with its type, time, source module and correlation id: the audit trail of the payment.',
  })
  @ApiPageResponse(TimelineEventResponse, 'Events, oldest first')
  @ApiProblems(400, NOT_FOUND)
  async events(
    @Param('id') id: string,
    @Query() query: PageQueryDto,
    @CallerOwner() owner: string | null,
  ): Promise<Page<TimelineEventResponse>> {
    const page = await this.queries.execute(new GetPaymentTimelineQuery(id, owner, query.limit, query.startingAfter));
    return { ...page, data: page.data.map((entry) => TimelineEventResponse.from(entry)) };
  }
}
