import { Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CallerOwner, RequireScope } from '../../../platform/auth';
import { ApiProblems } from '../../../platform/http';
import { RetryWebhookMessageCommand } from '../application/commands/retry-webhook-message/retry-webhook-message.command';
import { GetWebhookMessageQuery } from '../application/queries/get-webhook-message/get-webhook-message.query';
import { WebhookMessageResponse } from './dto/webhook-message.response';

const NOT_FOUND = { status: 404, codes: ['NOTIFICATIONS.MESSAGE_NOT_FOUND'] };

@ApiTags('Webhooks')
@Controller('v1/webhook-messages')
export class WebhookMessagesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get(':id')
  @RequireScope('webhooks:read')
  @ApiOperation({ summary: 'A webhook message with its status and every attempt' })
  @ApiOkResponse({ type: WebhookMessageResponse })
  @ApiProblems(NOT_FOUND)
  async get(@Param('id') id: string, @CallerOwner() owner: string | null): Promise<WebhookMessageResponse> {
    return WebhookMessageResponse.from(await this.queries.execute(new GetWebhookMessageQuery(id, owner)));
  }

  @Post(':id/retry')
  @RequireScope('webhooks:write')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Send a message again, now',
    description:
      'Works whatever its status, failed and delivered included: the message is due at once with a fresh series of ' +
      'attempts, and keeps its id (the receiver can tell it is the same message).',
  })
  @ApiAcceptedResponse({ type: WebhookMessageResponse })
  @ApiProblems(NOT_FOUND, {
    status: 409,
    codes: ['NOTIFICATIONS.ENDPOINT_DISABLED', 'NOTIFICATIONS.MESSAGE_IN_FLIGHT'],
  })
  async retry(@Param('id') id: string, @CallerOwner() owner: string | null): Promise<WebhookMessageResponse> {
    // Another owner's message is not found (its id never reaches the command).
    if (owner !== null) await this.queries.execute(new GetWebhookMessageQuery(id, owner));
    return WebhookMessageResponse.from(await this.commands.execute(new RetryWebhookMessageCommand(id)));
  }
}
