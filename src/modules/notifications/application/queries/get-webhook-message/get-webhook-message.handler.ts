import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { WebhookMessageNotFoundError } from '../../../domain/notifications.errors';
import { AccountOwnersRepository } from '../../../infrastructure/account-owners.repository';
import { WebhookEndpointRepository } from '../../../infrastructure/webhook-endpoint.repository';
import { WebhookMessageRepository } from '../../../infrastructure/webhook-message.repository';
import type { WebhookMessageView } from '../../../domain/webhook-message';
import { GetWebhookMessageQuery } from './get-webhook-message.query';

@QueryHandler(GetWebhookMessageQuery)
export class GetWebhookMessageHandler implements IQueryHandler<GetWebhookMessageQuery> {
  constructor(
    private readonly messages: WebhookMessageRepository,
    private readonly endpoints: WebhookEndpointRepository,
    private readonly owners: AccountOwnersRepository,
  ) {}

  async execute({ messageId, ownerId }: GetWebhookMessageQuery): Promise<WebhookMessageView> {
    const message = await this.messages.find(messageId);
    if (!message || !(await this.visible(message.endpointId, ownerId)))
      throw new WebhookMessageNotFoundError(messageId);
    return message;
  }

  private async visible(endpointId: string, ownerId: string | null): Promise<boolean> {
    if (ownerId === null) return true;
    const endpoint = await this.endpoints.find(endpointId);
    return endpoint !== null && (await this.owners.mayAccess(ownerId, endpoint.accountId));
  }
}
