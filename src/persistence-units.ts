import { businessModules } from './modules';
import { persistenceOf } from './platform/modules/business-module';
import { platformPersistence } from './platform/database/platform.persistence';

/** Every module's entities and migrations, for the migration CLI (`ormconfig.ts`) and tests. */
export const persistenceUnits = persistenceOf(platformPersistence, businessModules);
