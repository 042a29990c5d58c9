import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { NotificationsController } from './api/notifications.controller';
import { WebhookEndpointsController } from './api/webhook-endpoints.controller';
import { WebhookMessagesController } from './api/webhook-messages.controller';
import { CreateWebhookEndpointHandler } from './application/commands/create-webhook-endpoint/create-webhook-endpoint.handler';
import { DeleteWebhookEndpointHandler } from './application/commands/delete-webhook-endpoint/delete-webhook-endpoint.handler';
import { MarkNotificationReadHandler } from './application/commands/mark-notification-read/mark-notification-read.handler';
import { QueueWebhookMessagesHandler } from './application/commands/queue-webhook-messages/queue-webhook-messages.handler';
import { RecordNotificationsHandler } from './application/commands/record-notifications/record-notifications.handler';
import { RetryWebhookMessageHandler } from './application/commands/retry-webhook-message/retry-webhook-message.handler';
import { RotateWebhookSecretHandler } from './application/commands/rotate-webhook-secret/rotate-webhook-secret.handler';
import { UpdateWebhookEndpointHandler } from './application/commands/update-webhook-endpoint/update-webhook-endpoint.handler';
import { QueueWebhooksWhenEventOccurred } from './application/event-handlers/queue-webhooks-when-event-occurred.handler';
import { RecordNotificationsWhenEventOccurred } from './application/event-handlers/record-notifications-when-event-occurred.handler';
import { GetWebhookEndpointHandler } from './application/queries/get-webhook-endpoint/get-webhook-endpoint.handler';
import { GetWebhookMessageHandler } from './application/queries/get-webhook-message/get-webhook-message.handler';
import { ListNotificationsHandler } from './application/queries/list-notifications/list-notifications.handler';
import { ListWebhookEndpointsHandler } from './application/queries/list-webhook-endpoints/list-webhook-endpoints.handler';
import { ListWebhookMessagesHandler } from './application/queries/list-webhook-messages/list-webhook-messages.handler';
import { WebhookDeliveryWorker } from './application/webhook-delivery/webhook-delivery.worker';
import { NotificationRepository } from './infrastructure/notification.repository';
import { WebhookEndpointRepository } from './infrastructure/webhook-endpoint.repository';
import { WebhookMessageRepository } from './infrastructure/webhook-message.repository';
import { WebhookSender } from './infrastructure/webhook-sender';
import { notificationsConfig } from './notifications.config';
import { TrackAccountOwnerHandler } from './application/commands/track-account-owner/track-account-owner.handler';
import { TrackAccountOwnersWhenAccountOpened } from './application/event-handlers/track-account-owners-when-account-opened.handler';
import { AccountOwnersRepository } from './infrastructure/account-owners.repository';
import type { BusinessModule } from '../../platform/modules';
import { notificationsPersistence } from './notifications.persistence';
import { notificationsSubscriptions } from './notifications.subscriptions';

/** The notification feed and signed webhooks, fed by other modules' events. It publishes none. */
@Module({
  imports: [ConfigModule.forFeature(notificationsConfig)],
  controllers: [NotificationsController, WebhookEndpointsController, WebhookMessagesController],
  providers: [
    NotificationRepository,
    AccountOwnersRepository,
    WebhookEndpointRepository,
    WebhookMessageRepository,
    WebhookSender,
    WebhookDeliveryWorker,
    RecordNotificationsHandler,
    MarkNotificationReadHandler,
    QueueWebhookMessagesHandler,
    CreateWebhookEndpointHandler,
    UpdateWebhookEndpointHandler,
    DeleteWebhookEndpointHandler,
    RotateWebhookSecretHandler,
    RetryWebhookMessageHandler,
    ListNotificationsHandler,
    ListWebhookEndpointsHandler,
    GetWebhookEndpointHandler,
    ListWebhookMessagesHandler,
    GetWebhookMessageHandler,
    RecordNotificationsWhenEventOccurred,
    QueueWebhooksWhenEventOccurred,
    TrackAccountOwnerHandler,
    TrackAccountOwnersWhenAccountOpened,
  ],
})
export class NotificationsModule {}

/** What src/modules.ts registers: the Nest module, its tables, the events it owns and its subscriptions. */
export const notificationsModule: BusinessModule = {
  name: 'notifications',
  module: NotificationsModule,
  persistence: notificationsPersistence,
  events: [],
  subscriptions: notificationsSubscriptions,
};
