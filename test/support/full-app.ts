import { AppModule } from '../../src/app.module';
import { startTestApp, type TestApp } from './test-app';

/** The whole application, as `npm start` runs it (the modules MODULES names), on this worker's test database. */
export function startFullApp(env: Record<string, string> = {}): Promise<TestApp> {
  return startTestApp(() => AppModule.register(), env);
}
