import { Command } from '@nestjs/cqrs';
import type { NotificationEntity } from '../../../infrastructure/notification.entity';

/** Marks a notification read; marking it again keeps the first time. */
export class MarkNotificationReadCommand extends Command<NotificationEntity> {
  constructor(readonly notificationId: string) {
    super();
  }
}
