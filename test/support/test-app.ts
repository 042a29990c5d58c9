import type { DynamicModule, Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/bootstrap/create-app';
import { baseTestEnv, setEnv } from './test-env';

export interface TestApp {
  readonly app: NestFastifyApplication;
  /** Base URL of the app, listening on a real port on loopback. */
  readonly url: string;
  /** The first app's own port: `url`, unless a split topology put a gateway in front. */
  readonly directUrl: string;
  readonly dataSource: DataSource;
  /** The database a module keeps its tables in: `dataSource`, unless a split topology put it elsewhere. */
  dataSourceOf(module: string): DataSource;
  get<T>(token: Type<T> | string | symbol): T;
  close(): Promise<void>;
}

/**
 * Boots `rootModule` exactly as `main.ts` does (same bootstrap, real PostgreSQL, real HTTP
 * port), with the test environment plus `env`. A function is called once that environment is
 * set, for a root module that reads settings (the modules MODULES names).
 */
export async function startTestApp(
  rootModule: Type | DynamicModule | { (): DynamicModule },
  env: Record<string, string | undefined> = {},
): Promise<TestApp> {
  const restoreEnv = setEnv({ ...baseTestEnv(), ...env });
  let app: NestFastifyApplication;
  try {
    app = await createApp(isFactory(rootModule) ? rootModule() : rootModule);
    await app.listen(0, '127.0.0.1');
  } finally {
    restoreEnv();
  }
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  return {
    app,
    url,
    directUrl: url,
    dataSource: app.get(DataSource),
    dataSourceOf: () => app.get(DataSource),
    get: <T>(token: Type<T> | string | symbol) => app.get<T>(token),
    close: () => app.close(),
  };
}

/** A class is a function too; only a factory has no prototype (it is an arrow function). */
function isFactory(root: Type | DynamicModule | { (): DynamicModule }): root is () => DynamicModule {
  return typeof root === 'function' && root.prototype === undefined;
}
