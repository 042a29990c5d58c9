import { accountsPersistence } from './modules/accounts/accounts.persistence';
import { notificationsPersistence } from './modules/notifications/notifications.persistence';
import { paymentsPersistence } from './modules/payments/payments.persistence';
import { riskPersistence } from './modules/risk/risk.persistence';
import type { PersistenceUnits } from './platform/database/data-source-options';
import { PlatformSchema1763800000000 } from './platform/database/migrations/1763800000000-platform-schema';

/** Every module's entities and migrations, listed explicitly so that the app, the CLI and tests agree. */
export const persistenceUnits: PersistenceUnits = {
  entities: [
    ...accountsPersistence.entities,
    ...riskPersistence.entities,
    ...paymentsPersistence.entities,
    ...notificationsPersistence.entities,
  ],
  migrations: [
    PlatformSchema1763800000000,
    ...accountsPersistence.migrations,
    ...riskPersistence.migrations,
    ...paymentsPersistence.migrations,
    ...notificationsPersistence.migrations,
  ],
};
