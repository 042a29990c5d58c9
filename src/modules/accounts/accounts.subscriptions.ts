import { defineSubscriptions } from '../../platform/messaging';

/** The events this module consumes, per consumer (see SubscriptionManifest): each matches its handler. */
export const accountsSubscriptions = defineSubscriptions({
  'accounts.execute-transfer': ['transfer.requested'],
  'accounts.cancel-transfer': ['transfer.cancellation_requested'],
  'accounts.place-hold': ['transfer.hold_requested'],
  'accounts.settle-hold': ['transfer.capture_requested', 'transfer.release_requested'],
});
