import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { businessModules } from './src/modules';
import { platformPersistence } from './src/platform/database/platform.persistence';
import { persistenceOf, selectModules } from './src/platform/modules/business-module';
import { buildDataSourceOptions } from './src/platform/database/data-source-options';
import { EmbeddedPostgres } from './src/platform/database/embedded-postgres';

/**
 * The DataSource of the TypeORM CLI (`npm run migration:run`, `migration:generate`, …). It uses
 * DATABASE_URL, or the embedded database in EMBEDDED_DB_DIR (default ./data/pglite) as `npm start`
 * does when DATABASE_URL is not set, and the modules MODULES names (all by default), as the app does.
 */
async function cliDataSource(): Promise<DataSource> {
  const persistenceUnits = persistenceOf(platformPersistence, selectModules(businessModules));
  const url = process.env.DATABASE_URL;
  if (url) return new DataSource(buildDataSourceOptions({ url, poolSize: 2, applicationName: 'typeorm-cli' }, persistenceUnits));
  const embedded = await EmbeddedPostgres.start(process.env.EMBEDDED_DB_DIR ?? './data/pglite');
  const dataSource = new DataSource(buildDataSourceOptions({ url: embedded.url, poolSize: 1 }, persistenceUnits));
  // The CLI destroys the DataSource when it is done; take the embedded server down with it.
  const destroy = dataSource.destroy.bind(dataSource);
  dataSource.destroy = async () => {
    await destroy();
    await embedded.stop();
  };
  return dataSource;
}

export default cliDataSource();
