import { Query } from '@nestjs/cqrs';
import type { Page } from '../../../../../platform/http';
import type { WebhookEndpointEntity } from '../../../infrastructure/webhook-endpoint.entity';
import type { WebhookEndpointFilter } from '../../../infrastructure/webhook-endpoint.repository';

export class ListWebhookEndpointsQuery extends Query<Page<WebhookEndpointEntity>> {
  constructor(
    readonly filter: WebhookEndpointFilter,
    readonly limit: number,
    readonly startingAfter?: string,
  ) {
    super();
  }
}
