import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { toPage, type Page } from '../../../../../platform/http';
import { WebhookEndpointNotFoundError } from '../../../domain/notifications.errors';
import { WebhookEndpointRepository } from '../../../infrastructure/webhook-endpoint.repository';
import { WebhookMessageRepository } from '../../../infrastructure/webhook-message.repository';
import type { WebhookMessageView } from '../../../domain/webhook-message';
import { ListWebhookMessagesQuery } from './list-webhook-messages.query';

@QueryHandler(ListWebhookMessagesQuery)
export class ListWebhookMessagesHandler implements IQueryHandler<ListWebhookMessagesQuery> {
  constructor(
    private readonly endpoints: WebhookEndpointRepository,
    private readonly messages: WebhookMessageRepository,
  ) {}

  async execute({
    endpointId,
    filter,
    limit,
    startingAfter,
  }: ListWebhookMessagesQuery): Promise<Page<WebhookMessageView>> {
    if (!(await this.endpoints.find(endpointId))) throw new WebhookEndpointNotFoundError(endpointId);
    return toPage(await this.messages.listForEndpoint(endpointId, filter, limit, startingAfter), limit);
  }
}
