import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../http/api-problems.decorator';
import { PageQueryDto } from '../http/pagination/page-query.dto';
import { ApiPageResponse, toPage, type Page } from '../http/pagination/page';
import { isId } from '../ids';
import { ApiKeyResponse, CreateApiKeyRequest, CreatedApiKeyResponse } from './api-key.dto';
import { ApiKeyStore } from './api-key.store';
import { RequireScope } from './auth.decorators';
import { ApiKeyNotFoundError } from './auth.errors';

// Creation is not idempotent on purpose: a stored replay would hold the key in clear.
@ApiTags('Admin: API keys')
@Controller('v1/api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeyStore) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @RequireScope('admin')
  @ApiOperation({ summary: 'Create an API key; the key is in this response only' })
  @ApiCreatedResponse({ type: CreatedApiKeyResponse })
  @ApiProblems(400)
  async create(@Body() body: CreateApiKeyRequest): Promise<CreatedApiKeyResponse> {
    const created = await this.keys.create({ name: body.name, scopes: body.scopes, ownerId: body.ownerId ?? null });
    if (!created) throw new Error('a new API key collided with an existing one');
    return { ...ApiKeyResponse.from(created.key), key: created.secret };
  }

  @Get()
  @RequireScope('admin')
  @ApiOperation({ summary: 'List API keys, newest first (without the keys)' })
  @ApiPageResponse(ApiKeyResponse)
  @ApiProblems(400)
  async list(@Query() query: PageQueryDto): Promise<Page<ApiKeyResponse>> {
    return toPage(await this.keys.list(query.limit, query.startingAfter), query.limit, (key) =>
      ApiKeyResponse.from(key),
    );
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @RequireScope('admin')
  @ApiOperation({ summary: 'Revoke an API key: refused at once on every instance' })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiProblems({ status: 404, codes: ['AUTH.API_KEY_NOT_FOUND'] })
  async revoke(@Param('id') id: string): Promise<void> {
    if (!isId(id) || !(await this.keys.revoke(id))) throw new ApiKeyNotFoundError(id);
  }
}
