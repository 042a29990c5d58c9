import { Query } from '@nestjs/cqrs';
import type { WebhookEndpointEntity } from '../../../infrastructure/webhook-endpoint.entity';

export class GetWebhookEndpointQuery extends Query<WebhookEndpointEntity> {
  constructor(readonly endpointId: string) {
    super();
  }
}
