import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { WebhookEndpointNotFoundError } from '../../../domain/notifications.errors';
import { assertUrlAllowed } from '../../../domain/webhook-url';
import type { WebhookEndpoint } from '../../../domain/webhook-endpoint';
import {
  WebhookEndpointRepository,
  type WebhookEndpointChanges,
} from '../../../infrastructure/webhook-endpoint.repository';
import { notificationsConfig, type NotificationsConfig } from '../../../notifications.config';
import { WEBHOOK_MESSAGES_DUE } from '../../webhook-delivery/webhook-delivery.signals';
import { UpdateWebhookEndpointCommand } from './update-webhook-endpoint.command';

@CommandHandler(UpdateWebhookEndpointCommand)
export class UpdateWebhookEndpointHandler implements ICommandHandler<UpdateWebhookEndpointCommand> {
  constructor(
    @Inject(notificationsConfig.KEY) private readonly config: NotificationsConfig,
    private readonly endpoints: WebhookEndpointRepository,
    private readonly signals: EventEmitter2,
  ) {}

  async execute({ endpointId, patch }: UpdateWebhookEndpointCommand): Promise<WebhookEndpoint> {
    if (patch.url !== undefined) assertUrlAllowed(patch.url, this.config.webhooks.allowPrivateAddresses);
    const changes: WebhookEndpointChanges = {
      ...(patch.url !== undefined ? { url: patch.url } : {}),
      ...(patch.eventTypes !== undefined ? { eventTypes: [...new Set(patch.eventTypes)] } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      ...(patch.enabled !== undefined
        ? { enabled: patch.enabled, disabledReason: patch.enabled ? null : 'Disabled through the API' }
        : {}),
    };
    const endpoint = await this.endpoints.update(endpointId, changes);
    if (!endpoint) throw new WebhookEndpointNotFoundError(endpointId);
    // Messages that waited while it was disabled may be due now.
    if (patch.enabled === true) this.signals.emit(WEBHOOK_MESSAGES_DUE);
    return endpoint;
  }
}
