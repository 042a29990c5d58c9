import { Query } from '@nestjs/cqrs';
import type { Page } from '../../../../../platform/http';
import type { Notification, NotificationFilter } from '../../../domain/notification';

export class ListNotificationsQuery extends Query<Page<Notification>> {
  constructor(
    readonly filter: NotificationFilter,
    readonly limit: number,
    readonly startingAfter?: string,
  ) {
    super();
  }
}
