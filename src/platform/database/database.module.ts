import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { platformConfig, type PlatformConfig } from '../config/platform.config';
import { buildDataSourceOptions, type PersistenceUnits } from './data-source-options';
import { ConfigValidationError } from '../config/define-config';
import { DatabaseConnection } from './database-connection';
import { EmbeddedMaintenance } from './embedded-maintenance';
import { explainUnusableDatabase } from './database-unavailable';
import { runMigrations } from './migrations-runner';
import { FirstDecision } from '../coordination/first-decision';
import { UnitOfWork } from './unit-of-work';

/** Closes the pool before the embedded server under it, so that nothing is left to hang a test runner. */
class DatabaseShutdown implements OnApplicationShutdown {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(DatabaseConnection) private readonly connection: DatabaseConnection,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    await this.connection.close();
  }
}

@Global()
@Module({})
export class DatabaseModule {
  /** `units` lists every module's entities and migrations; the composition root gathers them. */
  static forRoot(units: PersistenceUnits): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        {
          provide: DatabaseConnection,
          inject: [platformConfig.KEY],
          useFactory: (config: PlatformConfig) => DatabaseConnection.open(config.database),
        },
        {
          provide: DataSource,
          inject: [platformConfig.KEY, DatabaseConnection],
          useFactory: async (config: PlatformConfig, connection: DatabaseConnection) => {
            const options = buildDataSourceOptions(
              {
                url: connection.url,
                poolSize: connection.poolSize,
                pipeline: config.database.pipeline && !connection.isEmbedded,
              },
              units,
            );
            const dataSource = await new DataSource(options).initialize().catch((error: unknown) => {
              // One line naming the setting, as for any bad setting, not the driver's stack.
              const explained = connection.isEmbedded
                ? undefined
                : explainUnusableDatabase('DATABASE_URL', connection.url, error);
              throw explained ? new ConfigValidationError(explained) : error;
            });
            if (config.database.migrationsRun) await runMigrations(dataSource, { exclusive: !connection.isEmbedded });
            return dataSource;
          },
        },
        UnitOfWork,
        FirstDecision,
        EmbeddedMaintenance,
        DatabaseShutdown,
      ],
      exports: [DataSource, DatabaseConnection, UnitOfWork, FirstDecision],
    };
  }
}
