import { Query } from '@nestjs/cqrs';
import type { WebhookEndpointEntity } from '../../../infrastructure/webhook-endpoint.entity';

export class GetWebhookEndpointQuery extends Query<WebhookEndpointEntity> {
  constructor(
    readonly endpointId: string,
    /** The caller's owner (an owner-bound key): what concerns another owner is not found. */
    readonly ownerId: string | null,
  ) {
    super();
  }
}
