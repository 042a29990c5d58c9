import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { NotificationNotFoundError } from '../../../domain/notifications.errors';
import type { NotificationEntity } from '../../../infrastructure/notification.entity';
import { NotificationRepository } from '../../../infrastructure/notification.repository';
import { MarkNotificationReadCommand } from './mark-notification-read.command';

@CommandHandler(MarkNotificationReadCommand)
export class MarkNotificationReadHandler implements ICommandHandler<MarkNotificationReadCommand> {
  constructor(private readonly notifications: NotificationRepository) {}

  async execute({ notificationId }: MarkNotificationReadCommand): Promise<NotificationEntity> {
    const notification = await this.notifications.markRead(notificationId);
    if (!notification) throw new NotificationNotFoundError(notificationId);
    return notification;
  }
}
