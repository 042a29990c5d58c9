import { Query } from '@nestjs/cqrs';
import type { WebhookMessageView } from '../../../domain/webhook-message';

export class GetWebhookMessageQuery extends Query<WebhookMessageView> {
  constructor(
    readonly messageId: string,
    /** The caller's owner (an owner-bound key): what concerns another owner is not found. */
    readonly ownerId: string | null,
  ) {
    super();
  }
}
