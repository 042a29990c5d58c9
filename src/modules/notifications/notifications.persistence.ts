import { NotificationEntity } from './infrastructure/notification.entity';
import { NotificationsSchema1763800004000 } from './infrastructure/migrations/1763800004000-notifications-schema';
import { WebhookEndpointEntity } from './infrastructure/webhook-endpoint.entity';

/** What the composition root registers for this module: its entities and its migrations, in order. */
export const notificationsPersistence = {
  entities: [NotificationEntity, WebhookEndpointEntity],
  migrations: [NotificationsSchema1763800004000],
};
