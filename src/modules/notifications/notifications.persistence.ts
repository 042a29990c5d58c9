import { NotificationEntity } from './infrastructure/notification.entity';
import { NotificationsSchema1763800004000 } from './infrastructure/migrations/1763800004000-notifications-schema';
import { NotificationsAccountOwners1764500002000 } from './infrastructure/migrations/1764500002000-notifications-account-owners';
import { WebhookEndpointEntity } from './infrastructure/webhook-endpoint.entity';

/** What the composition root registers for this module: its entities and its migrations, in order. */
export const notificationsPersistence = {
  entities: [NotificationEntity, WebhookEndpointEntity],
  migrations: [NotificationsSchema1763800004000, NotificationsAccountOwners1764500002000],
};
