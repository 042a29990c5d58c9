import type { DataSourceOptions, EntitySchema } from 'typeorm';
import { PipelinedClient } from './pipelined-client';

export interface PersistenceUnits {
  /** Entity classes, listed per module rather than found by glob, so the CLI, the app and jest agree. */
  entities: Array<string | (new () => unknown) | EntitySchema>;
  /** Migration classes, in the order they must run. */
  migrations: Array<new () => unknown>;
}

export interface ConnectionSettings {
  url: string;
  poolSize: number;
  applicationName?: string;
  /** Send what needs no answer without waiting for it (see PipelinedClient); not on the embedded database. */
  pipeline?: boolean;
}

export function buildDataSourceOptions(connection: ConnectionSettings, units: PersistenceUnits): DataSourceOptions {
  return {
    type: 'postgres',
    url: connection.url,
    entities: units.entities,
    migrations: units.migrations,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    migrationsRun: false,
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+ and PGlite; uuid-ossp is not.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    logging: false,
    extra: {
      max: connection.poolSize,
      // A request that cannot get a connection fails instead of hanging forever.
      connectionTimeoutMillis: 10_000,
      application_name: connection.applicationName ?? 'payments-platform',
      Client: PipelinedClient,
      pipeline: connection.pipeline ?? false,
    },
  };
}
