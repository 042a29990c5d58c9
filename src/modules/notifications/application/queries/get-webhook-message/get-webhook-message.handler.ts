import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { WebhookMessageNotFoundError } from '../../../domain/notifications.errors';
import { WebhookMessageRepository, type WebhookMessageView } from '../../../infrastructure/webhook-message.repository';
import { GetWebhookMessageQuery } from './get-webhook-message.query';

@QueryHandler(GetWebhookMessageQuery)
export class GetWebhookMessageHandler implements IQueryHandler<GetWebhookMessageQuery> {
  constructor(private readonly messages: WebhookMessageRepository) {}

  async execute({ messageId }: GetWebhookMessageQuery): Promise<WebhookMessageView> {
    const message = await this.messages.find(messageId);
    if (!message) throw new WebhookMessageNotFoundError(messageId);
    return message;
  }
}
