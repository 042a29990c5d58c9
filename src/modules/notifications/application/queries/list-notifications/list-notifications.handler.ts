import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { toPage, type Page } from '../../../../../platform/http';
import type { Notification } from '../../../domain/notification';
import { NotificationRepository } from '../../../infrastructure/notification.repository';
import { ListNotificationsQuery } from './list-notifications.query';

@QueryHandler(ListNotificationsQuery)
export class ListNotificationsHandler implements IQueryHandler<ListNotificationsQuery> {
  constructor(private readonly notifications: NotificationRepository) {}

  async execute({ filter, limit, startingAfter }: ListNotificationsQuery): Promise<Page<Notification>> {
    return toPage(await this.notifications.list(filter, limit, startingAfter), limit);
  }
}
