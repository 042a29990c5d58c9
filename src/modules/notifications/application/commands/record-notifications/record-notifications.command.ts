import { Command } from '@nestjs/cqrs';
import type { FeedEventType, NotifiableEvent } from '../../../domain/notifiable-events';

/** Writes the notifications an event gives, once: returns how many were new. */
export class RecordNotificationsCommand extends Command<number> {
  constructor(readonly event: NotifiableEvent<FeedEventType>) {
    super();
  }
}
