import { Query } from '@nestjs/cqrs';
import type { WebhookMessageView } from '../../../infrastructure/webhook-message.repository';

export class GetWebhookMessageQuery extends Query<WebhookMessageView> {
  constructor(
    readonly messageId: string,
    /** The caller's owner (an owner-bound key): what concerns another owner is not found. */
    readonly ownerId: string | null,
  ) {
    super();
  }
}
