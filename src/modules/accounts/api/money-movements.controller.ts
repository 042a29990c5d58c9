import { Body, Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CallerOwner, RequireScope } from '../../../platform/auth';
import { ApiProblems, IDEMPOTENCY_PROBLEMS, Idempotent, MovesMoney } from '../../../platform/http';
import {
  MoveExternalFundsCommand,
  type ExternalMovement,
} from '../application/commands/move-external-funds/move-external-funds.command';
import { MoneyMovementRequest } from './dto/money-movement.request';
import { MoneyMovementResponse } from './dto/money-movement.response';

const CONFLICTS = {
  status: 409,
  codes: ['ACCOUNTS.ACCOUNT_FROZEN', 'ACCOUNTS.ACCOUNT_CLOSED'],
};

@ApiTags('Accounts')
@Controller('v1/accounts/:id')
export class MoneyMovementsController {
  constructor(private readonly commands: CommandBus) {}

  @Post('deposits')
  @MovesMoney()
  @RequireScope('accounts:write')
  @HttpCode(HttpStatus.CREATED)
  @Idempotent()
  @ApiOperation({ summary: 'Deposit money from outside the platform (a top-up)' })
  @ApiCreatedResponse({ type: MoneyMovementResponse })
  @ApiProblems(
    { status: 400, codes: ['REQUEST.VALIDATION_FAILED'] },
    { status: 404, codes: ['ACCOUNTS.ACCOUNT_NOT_FOUND'] },
    CONFLICTS,
    { status: 422, codes: ['ACCOUNTS.BALANCE_LIMIT_EXCEEDED'] },
    ...IDEMPOTENCY_PROBLEMS,
  )
  deposit(
    @Param('id') id: string,
    @Body() body: MoneyMovementRequest,
    @CallerOwner() owner: string | null,
  ): Promise<MoneyMovementResponse> {
    return this.move('deposit', id, body, owner);
  }

  @Post('withdrawals')
  @MovesMoney()
  @RequireScope('accounts:write')
  @HttpCode(HttpStatus.CREATED)
  @Idempotent()
  @ApiOperation({ summary: 'Withdraw money out of the platform (a payout)' })
  @ApiCreatedResponse({ type: MoneyMovementResponse })
  @ApiProblems(
    { status: 400, codes: ['REQUEST.VALIDATION_FAILED'] },
    { status: 404, codes: ['ACCOUNTS.ACCOUNT_NOT_FOUND'] },
    CONFLICTS,
    { status: 422, codes: ['ACCOUNTS.INSUFFICIENT_FUNDS'] },
    ...IDEMPOTENCY_PROBLEMS,
  )
  withdraw(
    @Param('id') id: string,
    @Body() body: MoneyMovementRequest,
    @CallerOwner() owner: string | null,
  ): Promise<MoneyMovementResponse> {
    return this.move('withdrawal', id, body, owner);
  }

  private async move(
    type: ExternalMovement,
    accountId: string,
    body: MoneyMovementRequest,
    owner: string | null,
  ): Promise<MoneyMovementResponse> {
    const result = await this.commands.execute(
      new MoveExternalFundsCommand(type, accountId, body.amount, body.reference ?? null, body.metadata ?? {}, owner),
    );
    return MoneyMovementResponse.from(result);
  }
}
