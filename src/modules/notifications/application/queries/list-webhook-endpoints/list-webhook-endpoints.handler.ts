import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { toPage, type Page } from '../../../../../platform/http';
import type { WebhookEndpoint } from '../../../domain/webhook-endpoint';
import { WebhookEndpointRepository } from '../../../infrastructure/webhook-endpoint.repository';
import { ListWebhookEndpointsQuery } from './list-webhook-endpoints.query';

@QueryHandler(ListWebhookEndpointsQuery)
export class ListWebhookEndpointsHandler implements IQueryHandler<ListWebhookEndpointsQuery> {
  constructor(private readonly endpoints: WebhookEndpointRepository) {}

  async execute({ filter, limit, startingAfter }: ListWebhookEndpointsQuery): Promise<Page<WebhookEndpoint>> {
    return toPage(await this.endpoints.list(filter, limit, startingAfter), limit);
  }
}
