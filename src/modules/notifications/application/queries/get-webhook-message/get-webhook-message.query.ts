import { Query } from '@nestjs/cqrs';
import type { WebhookMessageView } from '../../../infrastructure/webhook-message.repository';

export class GetWebhookMessageQuery extends Query<WebhookMessageView> {
  constructor(readonly messageId: string) {
    super();
  }
}
