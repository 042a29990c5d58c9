import { Command } from '@nestjs/cqrs';
import type { WebhookMessageView } from '../../../domain/webhook-message';

/** Sends a message again now, with a fresh series of attempts, whatever its status (failed and delivered included). */
export class RetryWebhookMessageCommand extends Command<WebhookMessageView> {
  constructor(readonly messageId: string) {
    super();
  }
}
