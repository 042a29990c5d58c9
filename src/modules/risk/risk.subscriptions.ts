import { defineSubscriptions } from '../../platform/messaging';

/** The events this module consumes, per consumer (see SubscriptionManifest): each matches its handler. */
export const riskSubscriptions = defineSubscriptions({
  'risk.assess-payment': ['payment.created'],
  'risk.track-accounts': ['account.opened', 'account.frozen', 'account.unfrozen', 'account.closed'],
  'risk.close-reviews': ['payment.canceled', 'payment.expired'],
});
