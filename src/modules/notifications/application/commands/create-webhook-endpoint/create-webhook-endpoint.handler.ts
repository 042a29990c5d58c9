import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { newId } from '../../../../../platform/ids';
import { newWebhookSecret } from '../../../domain/webhook-signature';
import { assertUrlAllowed } from '../../../domain/webhook-url';
import type { WebhookEndpoint } from '../../../domain/webhook-endpoint';
import { EndpointAccountNotFoundError, EndpointAccountRequiredError } from '../../../domain/notifications.errors';
import { AccountOwnersRepository } from '../../../infrastructure/account-owners.repository';
import { WebhookEndpointRepository } from '../../../infrastructure/webhook-endpoint.repository';
import { notificationsConfig, type NotificationsConfig } from '../../../notifications.config';
import { CreateWebhookEndpointCommand } from './create-webhook-endpoint.command';

@CommandHandler(CreateWebhookEndpointCommand)
export class CreateWebhookEndpointHandler implements ICommandHandler<CreateWebhookEndpointCommand> {
  constructor(
    @Inject(notificationsConfig.KEY) private readonly config: NotificationsConfig,
    private readonly endpoints: WebhookEndpointRepository,
    private readonly owners: AccountOwnersRepository,
  ) {}

  async execute(command: CreateWebhookEndpointCommand): Promise<WebhookEndpoint> {
    assertUrlAllowed(command.url, this.config.webhooks.allowPrivateAddresses);
    // An owner's key must not subscribe to every account's events.
    if (command.ownerId !== null) {
      if (command.accountId === null) throw new EndpointAccountRequiredError();
      if (!(await this.owners.mayAccess(command.ownerId, command.accountId))) {
        throw new EndpointAccountNotFoundError(command.accountId);
      }
    }
    return this.endpoints.insert({
      id: newId(),
      url: command.url,
      description: command.description,
      eventTypes: [...new Set(command.eventTypes)],
      accountId: command.accountId,
      enabled: true,
      disabledReason: null,
      secret: newWebhookSecret(),
    });
  }
}
