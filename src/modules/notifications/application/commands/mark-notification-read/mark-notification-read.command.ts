import { Command } from '@nestjs/cqrs';
import type { Notification } from '../../../domain/notification';

/** Marks a notification read; marking it again keeps the first time. */
export class MarkNotificationReadCommand extends Command<Notification> {
  constructor(
    readonly notificationId: string,
    /** The caller's owner (an owner-bound key): what concerns another owner is not found. */
    readonly ownerId: string | null,
  ) {
    super();
  }
}
