import { defineSubscriptions } from '../../platform/messaging/subscriptions';

/** The events this module consumes, per consumer (see SubscriptionManifest): each matches its handler. */
export const accountsSubscriptions = defineSubscriptions({
  'accounts.execute-transfer': ['transfer.requested'],
  'accounts.cancel-transfer': ['transfer.cancellation_requested'],
});
