import { Query } from '@nestjs/cqrs';
import type { Page } from '../../../../../platform/http';
import type { WebhookMessageFilter, WebhookMessageView } from '../../../domain/webhook-message';

/** An endpoint's messages, newest first, each with its status and every attempt. */
export class ListWebhookMessagesQuery extends Query<Page<WebhookMessageView>> {
  constructor(
    readonly endpointId: string,
    readonly filter: WebhookMessageFilter,
    readonly limit: number,
    readonly startingAfter?: string,
  ) {
    super();
  }
}
