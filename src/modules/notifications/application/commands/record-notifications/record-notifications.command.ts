import { Command } from '@nestjs/cqrs';
import type { FeedEventType, NotifiableEvent } from '../../../domain/notifiable-events';

/** Writes the notifications an event gives, once (before its transaction commits). */
export class RecordNotificationsCommand extends Command<void> {
  constructor(readonly event: NotifiableEvent<FeedEventType>) {
    super();
  }
}
