import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { WebhookEndpointNotFoundError } from '../../../domain/notifications.errors';
import { WebhookEndpointRepository } from '../../../infrastructure/webhook-endpoint.repository';
import { DeleteWebhookEndpointCommand } from './delete-webhook-endpoint.command';

@CommandHandler(DeleteWebhookEndpointCommand)
export class DeleteWebhookEndpointHandler implements ICommandHandler<DeleteWebhookEndpointCommand> {
  constructor(private readonly endpoints: WebhookEndpointRepository) {}

  async execute({ endpointId }: DeleteWebhookEndpointCommand): Promise<void> {
    if (!(await this.endpoints.delete(endpointId))) throw new WebhookEndpointNotFoundError(endpointId);
  }
}
