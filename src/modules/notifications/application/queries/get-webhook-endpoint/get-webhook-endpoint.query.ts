import { Query } from '@nestjs/cqrs';
import type { WebhookEndpoint } from '../../../domain/webhook-endpoint';

export class GetWebhookEndpointQuery extends Query<WebhookEndpoint> {
  constructor(
    readonly endpointId: string,
    /** The caller's owner (an owner-bound key): what concerns another owner is not found. */
    readonly ownerId: string | null,
  ) {
    super();
  }
}
