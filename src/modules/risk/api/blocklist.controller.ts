import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  ApiPageResponse,
  ApiProblems,
  IDEMPOTENCY_PROBLEMS,
  Idempotent,
  type Page,
  PageQueryDto,
} from '../../../platform/http';
import { BlockAccountCommand } from '../application/commands/block-account/block-account.command';
import { UnblockAccountCommand } from '../application/commands/unblock-account/unblock-account.command';
import { ListBlocklistQuery } from '../application/queries/list-blocklist/list-blocklist.query';
import { BlocklistEntryResponse } from './dto/blocklist-entry.response';
import { BlockAccountRequest } from './dto/requests';
import { RequireScope } from '../../../platform/auth';

@ApiTags('Risk')
@Controller('v1/risk/blocklist')
export class BlocklistController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @RequireScope('risk:write')
  @HttpCode(HttpStatus.CREATED)
  @Idempotent({ required: false })
  @ApiOperation({ summary: 'Block an account: payments from or to it are rejected' })
  @ApiCreatedResponse({ type: BlocklistEntryResponse, description: 'Blocked' })
  @ApiOkResponse({ type: BlocklistEntryResponse, description: 'Already blocked: the existing entry' })
  @ApiProblems(400, ...IDEMPOTENCY_PROBLEMS)
  async block(
    @Body() body: BlockAccountRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BlocklistEntryResponse> {
    const { entry, created } = await this.commands.execute(
      new BlockAccountCommand(body.accountId, body.reason ?? null),
    );
    if (!created) void reply.status(HttpStatus.OK);
    return BlocklistEntryResponse.from(entry);
  }

  @Get()
  @RequireScope('risk:read')
  @ApiOperation({ summary: 'The blocked accounts, newest first' })
  @ApiPageResponse(BlocklistEntryResponse)
  @ApiProblems(400)
  async list(@Query() query: PageQueryDto): Promise<Page<BlocklistEntryResponse>> {
    const page = await this.queries.execute(new ListBlocklistQuery(query.limit, query.startingAfter));
    return { ...page, data: page.data.map((entry) => BlocklistEntryResponse.from(entry)) };
  }

  @Delete(':accountId')
  @RequireScope('risk:write')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Unblock an account' })
  @ApiNoContentResponse()
  @ApiProblems({ status: 404, codes: ['RISK.BLOCKLIST_ENTRY_NOT_FOUND'] })
  async unblock(@Param('accountId') accountId: string): Promise<void> {
    await this.commands.execute(new UnblockAccountCommand(accountId));
  }
}
