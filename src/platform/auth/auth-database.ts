import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { authConfig, type AuthConfig } from './auth.config';

/**
 * Where API keys live: this process's database, or AUTH_DATABASE_URL when processes of a split
 * deployment keep databases of their own but must accept the same keys (and see a revocation at
 * once). That database is migrated by the process whose DATABASE_URL it is.
 */
@Injectable()
export class AuthDatabase implements OnModuleInit, OnApplicationShutdown {
  private own?: DataSource;

  constructor(
    @Inject(authConfig.KEY) private readonly config: AuthConfig,
    private readonly main: DataSource,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.databaseUrl) return;
    this.own = new DataSource({
      type: 'postgres',
      url: this.config.databaseUrl,
      extra: { max: 4, connectionTimeoutMillis: 10_000, application_name: 'payments-platform-auth' },
    });
    await this.own.initialize();
  }

  get manager(): EntityManager {
    return (this.own ?? this.main).manager;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.own?.destroy();
  }
}
