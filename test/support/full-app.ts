import { AppModule } from '../../src/app.module';
import { startSplitApp } from './split-app';
import { startTestApp, type TestApp } from './test-app';

/**
 * The whole application, as `npm start` runs it, on this worker's test database. Under the
 * `e2e-split` jest project (TEST_TOPOLOGY=split) it is split across two apps and RabbitMQ
 * instead, so every e2e test proves both topologies.
 */
export function startFullApp(env: Record<string, string> = {}): Promise<TestApp> {
  if (process.env.TEST_TOPOLOGY === 'split') return startSplitApp(env);
  return startTestApp(() => AppModule.register(), env);
}
