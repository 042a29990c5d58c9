import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '../../../../../platform/database';
import { notificationsFor } from '../../../domain/notification';
import { NotificationRepository } from '../../../infrastructure/notification.repository';
import { RecordNotificationsCommand } from './record-notifications.command';

@CommandHandler(RecordNotificationsCommand)
export class RecordNotificationsHandler implements ICommandHandler<RecordNotificationsCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly notifications: NotificationRepository,
  ) {}

  execute({ event }: RecordNotificationsCommand): Promise<void> {
    return this.unitOfWork.run(() => {
      this.notifications.record(event.id, notificationsFor(event));
      return Promise.resolve();
    });
  }
}
