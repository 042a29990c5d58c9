import { Query } from '@nestjs/cqrs';
import type { Page } from '../../../../../platform/http';
import type { NotificationEntity } from '../../../infrastructure/notification.entity';
import type { NotificationFilter } from '../../../infrastructure/notification.repository';

export class ListNotificationsQuery extends Query<Page<NotificationEntity>> {
  constructor(
    readonly filter: NotificationFilter,
    readonly limit: number,
    readonly startingAfter?: string,
  ) {
    super();
  }
}
