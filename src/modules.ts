import { accountsModule } from './modules/accounts/accounts.module';
import { notificationsModule } from './modules/notifications/notifications.module';
import { paymentsModule } from './modules/payments/payments.module';
import { riskModule } from './modules/risk/risk.module';
import type { BusinessModule } from './platform/modules/business-module';

/**
 * The one list of business modules: the app, the persistence units, the settings check and the
 * MODULES setting all read it. Registering a module is one entry here (`npm run module:new` writes it).
 */
export const businessModules: readonly BusinessModule[] = [
  accountsModule,
  riskModule,
  paymentsModule,
  notificationsModule,
];
