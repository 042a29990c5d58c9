import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CallerOwner, RequireScope } from '../../../platform/auth';
import { ApiPageResponse, ApiProblems, type Page, PageQueryDto } from '../../../platform/http';
import { CheckLedgerIntegrityQuery } from '../application/queries/check-ledger-integrity/check-ledger-integrity.query';
import { GetStatementQuery } from '../application/queries/get-statement/get-statement.query';
import { EntryResponse } from './dto/entry.response';
import { IntegrityResponse } from './dto/integrity.response';

@Controller()
export class LedgerController {
  constructor(private readonly queries: QueryBus) {}

  @Get('v1/accounts/:id/entries')
  @RequireScope('accounts:read')
  @ApiTags('Accounts')
  @ApiOperation({ summary: "The account's statement: its ledger postings, newest first, with the balance after each" })
  @ApiPageResponse(EntryResponse)
  @ApiProblems(400, { status: 404, codes: ['ACCOUNTS.ACCOUNT_NOT_FOUND'] })
  async entries(
    @Param('id') id: string,
    @Query() query: PageQueryDto,
    @CallerOwner() owner: string | null,
  ): Promise<Page<EntryResponse>> {
    const page = await this.queries.execute(new GetStatementQuery(id, owner, query.limit, query.startingAfter));
    return { ...page, data: page.data.map((entry) => EntryResponse.from(entry)) };
  }

  @Get('v1/admin/ledger/integrity')
  @RequireScope('admin')
  @ApiTags('Admin: ledger')
  @ApiOperation({
    summary: 'Check the ledger',
    description:
      "Compares each account's stored balance with the sum of its postings, checks that every journal balances, that no balance is " +
      'negative without overdraft, that every currency sums to zero, and that holds add up: every open hold belongs to one ' +
      'payment, held balances equal the sum of open holds, no hold is released or captured twice. Runs on one consistent snapshot.',
  })
  @ApiOkResponse({ type: IntegrityResponse })
  async integrity(): Promise<IntegrityResponse> {
    return IntegrityResponse.from(await this.queries.execute(new CheckLedgerIntegrityQuery()));
  }
}
