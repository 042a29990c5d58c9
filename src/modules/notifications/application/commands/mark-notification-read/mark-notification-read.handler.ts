import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { NotificationNotFoundError } from '../../../domain/notifications.errors';
import type { Notification } from '../../../domain/notification';
import { AccountOwnersRepository } from '../../../infrastructure/account-owners.repository';
import { NotificationRepository } from '../../../infrastructure/notification.repository';
import { MarkNotificationReadCommand } from './mark-notification-read.command';

@CommandHandler(MarkNotificationReadCommand)
export class MarkNotificationReadHandler implements ICommandHandler<MarkNotificationReadCommand> {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly owners: AccountOwnersRepository,
  ) {}

  async execute({ notificationId, ownerId }: MarkNotificationReadCommand): Promise<Notification> {
    const found = await this.notifications.find(notificationId);
    if (!found || !(await this.owners.mayAccess(ownerId, found.accountId))) {
      throw new NotificationNotFoundError(notificationId);
    }
    const notification = await this.notifications.markRead(notificationId);
    if (!notification) throw new NotificationNotFoundError(notificationId);
    return notification;
  }
}
