import { Command } from '@nestjs/cqrs';
import type { NotifiableEvent, WebhookEventType } from '../../../domain/notifiable-events';

/** Records one message per endpoint the event goes to, once (before its transaction commits); a worker sends them. */
export class QueueWebhookMessagesCommand extends Command<void> {
  constructor(readonly event: NotifiableEvent<WebhookEventType>) {
    super();
  }
}
