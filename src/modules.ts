import { AccountsModule } from './modules/accounts/accounts.module';
import { accountsPersistence } from './modules/accounts/accounts.persistence';
import { accountsSubscriptions } from './modules/accounts/accounts.subscriptions';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { notificationsPersistence } from './modules/notifications/notifications.persistence';
import { notificationsSubscriptions } from './modules/notifications/notifications.subscriptions';
import { PaymentsModule } from './modules/payments/payments.module';
import { paymentsPersistence } from './modules/payments/payments.persistence';
import { paymentsSubscriptions } from './modules/payments/payments.subscriptions';
import { RiskModule } from './modules/risk/risk.module';
import { riskPersistence } from './modules/risk/risk.persistence';
import { riskSubscriptions } from './modules/risk/risk.subscriptions';
import type { BusinessModule } from './platform/modules/business-module';

/**
 * The one list of business modules: the app, the persistence units, the settings check and the
 * MODULES setting all read it. Registering a module is one line here.
 */
export const businessModules: readonly BusinessModule[] = [
  { name: 'accounts', module: AccountsModule, persistence: accountsPersistence, subscriptions: accountsSubscriptions },
  { name: 'risk', module: RiskModule, persistence: riskPersistence, subscriptions: riskSubscriptions },
  { name: 'payments', module: PaymentsModule, persistence: paymentsPersistence, subscriptions: paymentsSubscriptions },
  {
    name: 'notifications',
    module: NotificationsModule,
    persistence: notificationsPersistence,
    subscriptions: notificationsSubscriptions,
  },
];
