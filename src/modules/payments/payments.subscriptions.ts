import { defineSubscriptions } from '../../platform/messaging';

/** The events this module consumes, per consumer (see SubscriptionManifest): each matches its handler. */
export const paymentsSubscriptions = defineSubscriptions({
  'payments.apply-risk-decision': ['risk.assessed', 'risk.reviewed'],
  'payments.settle-transfer': ['transfer.succeeded', 'transfer.failed'],
  'payments.track-account-owners': ['account.opened'],
  'payments.settle-hold': ['transfer.held', 'transfer.captured', 'transfer.released'],
});
