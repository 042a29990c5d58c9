import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { WebhookEndpointNotFoundError } from '../../../domain/notifications.errors';
import { newWebhookSecret } from '../../../domain/webhook-signature';
import type { WebhookEndpoint } from '../../../domain/webhook-endpoint';
import { WebhookEndpointRepository } from '../../../infrastructure/webhook-endpoint.repository';
import { notificationsConfig, type NotificationsConfig } from '../../../notifications.config';
import { RotateWebhookSecretCommand } from './rotate-webhook-secret.command';

@CommandHandler(RotateWebhookSecretCommand)
export class RotateWebhookSecretHandler implements ICommandHandler<RotateWebhookSecretCommand> {
  constructor(
    @Inject(notificationsConfig.KEY) private readonly config: NotificationsConfig,
    private readonly endpoints: WebhookEndpointRepository,
  ) {}

  async execute({ endpointId }: RotateWebhookSecretCommand): Promise<WebhookEndpoint> {
    const endpoint = await this.endpoints.rotateSecret(
      endpointId,
      newWebhookSecret(),
      this.config.webhooks.secretOverlapSeconds,
    );
    if (!endpoint) throw new WebhookEndpointNotFoundError(endpointId);
    return endpoint;
  }
}
