import { Command } from '@nestjs/cqrs';
import type { NotifiableEvent, WebhookEventType } from '../../../domain/notifiable-events';

/** Records one message per endpoint the event goes to, once; a worker sends them. Returns how many were new. */
export class QueueWebhookMessagesCommand extends Command<number> {
  constructor(readonly event: NotifiableEvent<WebhookEventType>) {
    super();
  }
}
