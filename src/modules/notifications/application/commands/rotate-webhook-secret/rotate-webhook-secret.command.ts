import { Command } from '@nestjs/cqrs';
import type { WebhookEndpointEntity } from '../../../infrastructure/webhook-endpoint.entity';

/** Gives the endpoint a new secret; the old one keeps signing alongside it for the configured overlap. */
export class RotateWebhookSecretCommand extends Command<WebhookEndpointEntity> {
  constructor(readonly endpointId: string) {
    super();
  }
}
