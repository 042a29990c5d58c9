import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CallerOwner, RequireScope } from '../../../platform/auth';
import { ApiPageResponse, ApiProblems, IDEMPOTENCY_PROBLEMS, Idempotent, type Page } from '../../../platform/http';
import { CreateWebhookEndpointCommand } from '../application/commands/create-webhook-endpoint/create-webhook-endpoint.command';
import { DeleteWebhookEndpointCommand } from '../application/commands/delete-webhook-endpoint/delete-webhook-endpoint.command';
import { RotateWebhookSecretCommand } from '../application/commands/rotate-webhook-secret/rotate-webhook-secret.command';
import { UpdateWebhookEndpointCommand } from '../application/commands/update-webhook-endpoint/update-webhook-endpoint.command';
import { GetWebhookEndpointQuery } from '../application/queries/get-webhook-endpoint/get-webhook-endpoint.query';
import { ListWebhookEndpointsQuery } from '../application/queries/list-webhook-endpoints/list-webhook-endpoints.query';
import { ListWebhookMessagesQuery } from '../application/queries/list-webhook-messages/list-webhook-messages.query';
import { ListWebhookEndpointsQueryDto } from './dto/list-webhook-endpoints.query';
import { ListWebhookMessagesQueryDto } from './dto/list-webhook-messages.query';
import { CreateWebhookEndpointRequest, UpdateWebhookEndpointRequest } from './dto/webhook-endpoint.request';
import { WebhookEndpointResponse, WebhookEndpointWithSecretResponse } from './dto/webhook-endpoint.response';
import { WebhookMessageResponse } from './dto/webhook-message.response';

const NOT_FOUND = { status: 404, codes: ['NOTIFICATIONS.ENDPOINT_NOT_FOUND'] };
const INVALID = { status: 400, codes: ['REQUEST.VALIDATION_FAILED', 'NOTIFICATIONS.URL_NOT_ALLOWED'] };

@ApiTags('Webhooks')
@Controller('v1/webhook-endpoints')
export class WebhookEndpointsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @RequireScope('webhooks:write')
  @HttpCode(HttpStatus.CREATED)
  @Idempotent({ required: false, sensitive: true })
  @ApiOperation({
    summary: 'Register a webhook endpoint',
    description:
      'Returns the signing secret (`whsec_…`), shown only now and on rotation. Each matching event is POSTed as ' +
      '`{ id, type, createdAt, data }` with the Standard Webhooks headers `webhook-id`, `webhook-timestamp` and `webhook-signature`.',
  })
  @ApiCreatedResponse({ type: WebhookEndpointWithSecretResponse })
  @ApiProblems(INVALID, { status: 404, codes: ['NOTIFICATIONS.ACCOUNT_NOT_FOUND'] }, ...IDEMPOTENCY_PROBLEMS)
  async create(
    @Body() body: CreateWebhookEndpointRequest,
    @CallerOwner() owner: string | null,
  ): Promise<WebhookEndpointWithSecretResponse> {
    const endpoint = await this.commands.execute(
      new CreateWebhookEndpointCommand(
        body.url,
        body.eventTypes,
        body.description ?? null,
        body.accountId ?? null,
        owner,
      ),
    );
    return WebhookEndpointWithSecretResponse.withSecret(endpoint);
  }

  @Get()
  @RequireScope('webhooks:read')
  @ApiOperation({ summary: 'List webhook endpoints, newest first (without their secrets)' })
  @ApiPageResponse(WebhookEndpointResponse)
  @ApiProblems(400)
  async list(
    @Query() query: ListWebhookEndpointsQueryDto,
    @CallerOwner() owner: string | null,
  ): Promise<Page<WebhookEndpointResponse>> {
    const { limit, startingAfter, ...filter } = query;
    const page = await this.queries.execute(
      new ListWebhookEndpointsQuery({ ...filter, ownerId: owner }, limit, startingAfter),
    );
    return { ...page, data: page.data.map((endpoint) => WebhookEndpointResponse.from(endpoint)) };
  }

  @Get(':id')
  @RequireScope('webhooks:read')
  @ApiOperation({ summary: 'Get a webhook endpoint (without its secret)' })
  @ApiOkResponse({ type: WebhookEndpointResponse })
  @ApiProblems(NOT_FOUND)
  async get(@Param('id') id: string, @CallerOwner() owner: string | null): Promise<WebhookEndpointResponse> {
    return WebhookEndpointResponse.from(await this.queries.execute(new GetWebhookEndpointQuery(id, owner)));
  }

  @Patch(':id')
  @RequireScope('webhooks:write')
  @ApiOperation({ summary: 'Change the URL, the event types, the description, or enable or disable the endpoint' })
  @ApiOkResponse({ type: WebhookEndpointResponse })
  @ApiProblems(INVALID, NOT_FOUND)
  async update(
    @Param('id') id: string,
    @Body() body: UpdateWebhookEndpointRequest,
    @CallerOwner() owner: string | null,
  ): Promise<WebhookEndpointResponse> {
    await this.assertVisible(id, owner);
    const endpoint = await this.commands.execute(new UpdateWebhookEndpointCommand(id, body));
    return WebhookEndpointResponse.from(endpoint);
  }

  @Delete(':id')
  @RequireScope('webhooks:write')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete a webhook endpoint, with its messages and their attempts' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(NOT_FOUND)
  async delete(@Param('id') id: string, @CallerOwner() owner: string | null): Promise<void> {
    await this.assertVisible(id, owner);
    await this.commands.execute(new DeleteWebhookEndpointCommand(id));
  }

  @Post(':id/rotate-secret')
  @RequireScope('webhooks:write')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Rotate the signing secret',
    description:
      'Returns the new secret. Until `previousSecretExpiresAt`, every message is signed with both secrets ' +
      '(two signatures in `webhook-signature`, separated by a space), so receivers can switch without missing one. ' +
      'Rotating again ends the older overlap at once: only the last two secrets ever sign.',
  })
  @ApiOkResponse({ type: WebhookEndpointWithSecretResponse })
  @ApiProblems(NOT_FOUND)
  async rotateSecret(
    @Param('id') id: string,
    @CallerOwner() owner: string | null,
  ): Promise<WebhookEndpointWithSecretResponse> {
    await this.assertVisible(id, owner);
    return WebhookEndpointWithSecretResponse.withSecret(
      await this.commands.execute(new RotateWebhookSecretCommand(id)),
    );
  }

  @Get(':id/messages')
  @RequireScope('webhooks:read')
  @ApiOperation({ summary: "The endpoint's messages, newest first, each with its status and every attempt" })
  @ApiPageResponse(WebhookMessageResponse)
  @ApiProblems(400, NOT_FOUND)
  async messages(
    @Param('id') id: string,
    @Query() query: ListWebhookMessagesQueryDto,
    @CallerOwner() owner: string | null,
  ): Promise<Page<WebhookMessageResponse>> {
    await this.assertVisible(id, owner);
    const { limit, startingAfter, ...filter } = query;
    const page = await this.queries.execute(new ListWebhookMessagesQuery(id, filter, limit, startingAfter));
    return { ...page, data: page.data.map((message) => WebhookMessageResponse.from(message)) };
  }

  /** Another owner's endpoint is not found, for every operation on it (an endpoint never changes account). */
  private async assertVisible(id: string, owner: string | null): Promise<void> {
    if (owner !== null) await this.queries.execute(new GetWebhookEndpointQuery(id, owner));
  }
}
