import { defineSubscriptions } from '../../platform/messaging';
import { FEED_EVENT_TYPES, WEBHOOK_EVENT_TYPES } from './domain/notifiable-events';

/** The events this module consumes, per consumer (see SubscriptionManifest): each matches its handler. */
export const notificationsSubscriptions = defineSubscriptions({
  'notifications.record-notifications': FEED_EVENT_TYPES,
  'notifications.queue-webhooks': WEBHOOK_EVENT_TYPES,
  'notifications.track-account-owners': ['account.opened'],
});
