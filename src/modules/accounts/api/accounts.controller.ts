import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CallerOwner, ForbiddenError, RequireScope } from '../../../platform/auth';
import { ApiPageResponse, ApiProblems, IDEMPOTENCY_PROBLEMS, Idempotent, type Page } from '../../../platform/http';
import { ChangeAccountStatusCommand } from '../application/commands/change-account-status/change-account-status.command';
import { OpenAccountCommand } from '../application/commands/open-account/open-account.command';
import { GetAccountQuery } from '../application/queries/get-account/get-account.query';
import { ListAccountsQuery } from '../application/queries/list-accounts/list-accounts.query';
import type { StatusAction } from '../domain/account';
import { AccountResponse } from './dto/account.response';
import { ListAccountsQueryDto } from './dto/list-accounts.query';
import { OpenAccountRequest } from './dto/open-account.request';

@ApiTags('Accounts')
@Controller('v1/accounts')
export class AccountsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @RequireScope('accounts:write')
  @HttpCode(HttpStatus.CREATED)
  @Idempotent({ required: false })
  @ApiOperation({ summary: 'Open an account in one currency' })
  @ApiCreatedResponse({ type: AccountResponse })
  @ApiProblems(400, ...IDEMPOTENCY_PROBLEMS)
  async open(@Body() body: OpenAccountRequest, @CallerOwner() owner: string | null): Promise<AccountResponse> {
    // An owner-bound key opens accounts for its owner only.
    if (owner !== null && body.ownerId !== undefined && body.ownerId !== owner) {
      throw new ForbiddenError('This API key opens accounts only for its own owner');
    }
    const account = await this.commands.execute(
      new OpenAccountCommand(
        body.name,
        body.currency,
        owner ?? body.ownerId ?? null,
        body.metadata ?? {},
        body.allowOverdraft ?? false,
      ),
    );
    return AccountResponse.from(account);
  }

  @Get()
  @RequireScope('accounts:read')
  @ApiOperation({ summary: 'List accounts, newest first' })
  @ApiPageResponse(AccountResponse)
  @ApiProblems(400)
  async list(
    @Query() query: ListAccountsQueryDto,
    @CallerOwner() owner: string | null,
  ): Promise<Page<AccountResponse>> {
    const { limit, startingAfter, ...filter } = query;
    const page = await this.queries.execute(
      new ListAccountsQuery({ ...filter, callerOwnerId: owner }, limit, startingAfter),
    );
    return { ...page, data: page.data.map((account) => AccountResponse.from(account)) };
  }

  @Get(':id')
  @RequireScope('accounts:read')
  @ApiOperation({ summary: 'Get an account and its balance' })
  @ApiOkResponse({ type: AccountResponse })
  @ApiProblems({ status: 404, codes: ['ACCOUNTS.ACCOUNT_NOT_FOUND'] })
  async get(@Param('id') id: string, @CallerOwner() owner: string | null): Promise<AccountResponse> {
    return AccountResponse.from(await this.queries.execute(new GetAccountQuery(id, owner)));
  }

  @Post(':id/freeze')
  @RequireScope('accounts:write')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Freeze an account: no money moves in or out until it is unfrozen' })
  @ApiOkResponse({ type: AccountResponse })
  @ApiProblems(
    { status: 404, codes: ['ACCOUNTS.ACCOUNT_NOT_FOUND'] },
    { status: 409, codes: ['ACCOUNTS.ACCOUNT_CLOSED'] },
  )
  freeze(@Param('id') id: string, @CallerOwner() owner: string | null): Promise<AccountResponse> {
    return this.changeStatus(id, 'freeze', owner);
  }

  @Post(':id/unfreeze')
  @RequireScope('accounts:write')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Unfreeze an account' })
  @ApiOkResponse({ type: AccountResponse })
  @ApiProblems(
    { status: 404, codes: ['ACCOUNTS.ACCOUNT_NOT_FOUND'] },
    { status: 409, codes: ['ACCOUNTS.ACCOUNT_CLOSED'] },
  )
  unfreeze(@Param('id') id: string, @CallerOwner() owner: string | null): Promise<AccountResponse> {
    return this.changeStatus(id, 'unfreeze', owner);
  }

  @Post(':id/close')
  @RequireScope('accounts:write')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Close an account; only an account with a zero balance can be closed' })
  @ApiOkResponse({ type: AccountResponse })
  @ApiProblems(
    { status: 404, codes: ['ACCOUNTS.ACCOUNT_NOT_FOUND'] },
    { status: 409, codes: ['ACCOUNTS.ACCOUNT_NOT_EMPTY'] },
  )
  close(@Param('id') id: string, @CallerOwner() owner: string | null): Promise<AccountResponse> {
    return this.changeStatus(id, 'close', owner);
  }

  private async changeStatus(id: string, action: StatusAction, owner: string | null): Promise<AccountResponse> {
    return AccountResponse.from(await this.commands.execute(new ChangeAccountStatusCommand(id, action, owner)));
  }
}
