import { Command } from '@nestjs/cqrs';
import type { WebhookEndpoint } from '../../../domain/webhook-endpoint';

/** Gives the endpoint a new secret; the old one keeps signing alongside it for the configured overlap. */
export class RotateWebhookSecretCommand extends Command<WebhookEndpoint> {
  constructor(readonly endpointId: string) {
    super();
  }
}
