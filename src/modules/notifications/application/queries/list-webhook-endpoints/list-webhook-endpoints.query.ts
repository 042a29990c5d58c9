import { Query } from '@nestjs/cqrs';
import type { Page } from '../../../../../platform/http';
import type { WebhookEndpoint, WebhookEndpointFilter } from '../../../domain/webhook-endpoint';

export class ListWebhookEndpointsQuery extends Query<Page<WebhookEndpoint>> {
  constructor(
    readonly filter: WebhookEndpointFilter,
    readonly limit: number,
    readonly startingAfter?: string,
  ) {
    super();
  }
}
