import { createServer, request as forward, type Server } from 'node:http';
import { pipeline } from 'node:stream';
import request from 'supertest';
import { AppModule } from '../../src/app.module';
import { businessModules } from '../../src/modules';
import { eventually } from './eventually';
import { freshDatabase as recreateDatabase } from './local-services.cjs';
import { startTestApp, type TestApp } from './test-app';
import { testDatabaseUrl } from './test-env';

/** The notifications module's routes: what the gateway sends to the second process. */
const NOTIFICATIONS_ROUTES = ['/v1/notifications', '/v1/webhook-endpoints', '/v1/webhook-messages'];

/** This jest worker's vhost, named as its database (made by global-setup.cjs), so parallel runs never share queues. */
export function testRabbitMqUrl(): string {
  const url = new URL(process.env.TEST_RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672');
  url.pathname = `/${encodeURIComponent(new URL(testDatabaseUrl()).pathname.slice(1))}`;
  return url.toString();
}

/** An empty database beside this worker's own, for a process that must share no table with it. */
export async function freshDatabase(suffix: string): Promise<string> {
  const url = new URL(testDatabaseUrl());
  url.pathname = `${url.pathname}_${suffix}`;
  await recreateDatabase(url.toString(), url.pathname.slice(1));
  return url.toString();
}

let notificationsDatabaseOfThisFile: Promise<string> | undefined;

/**
 * The application split in two processes' worth of apps, as in production when notifications
 * moves out: every other module (payments, accounts, risk, …) on this worker's database,
 * notifications on a database of its own, the two exchanging events through RabbitMQ only. A small gateway in front routes each
 * request to the app that serves it, so tests talk to one URL as with one process. `dataSource`
 * and `get` are the first app's.
 */
export async function startSplitApp(env: Record<string, string> = {}): Promise<TestApp> {
  // Two partitions are enough to prove ordering across queues, and keep the broker's work per run small.
  const shared = { MESSAGING_TRANSPORT: 'rabbitmq', RABBITMQ_URL: testRabbitMqUrl(), RABBITMQ_PARTITIONS: '2', ...env };
  // One per test file (jest loads this module anew for each), kept across its apps as the first database is.
  const notificationsDatabase = await (notificationsDatabaseOfThisFile ??= freshDatabase('notifications'));
  // Every module but notifications stays in the first process, a newly generated one included.
  const coreModules = businessModules.map((m) => m.name).filter((name) => name !== 'notifications');
  const core = await startTestApp(() => AppModule.register(), { ...shared, MODULES: coreModules.join(',') });
  const notifications = await startTestApp(() => AppModule.register(), {
    ...shared,
    MODULES: 'notifications',
    DATABASE_URL: notificationsDatabase,
    // API keys are the platform's, shared by every process: a key works (and its revocation holds) everywhere.
    AUTH_DATABASE_URL: testDatabaseUrl(),
  });
  for (const app of [core, notifications]) {
    await eventually(async () => expect((await request(app.url).get('/health/ready')).status).toBe(200), {
      timeoutMs: 30_000,
    });
  }
  const gateway = await startGateway(
    (path) =>
      NOTIFICATIONS_ROUTES.some(
        (route) => path === route || path.startsWith(`${route}/`) || path.startsWith(`${route}?`),
      )
        ? notifications.url
        : core.url,
    [core.url, notifications.url],
  );
  return {
    ...core,
    url: gateway.url,
    dataSourceOf: (module) => (module === 'notifications' ? notifications.dataSource : core.dataSource),
    close: async () => {
      const closed = new Promise((resolve) => gateway.server.close(resolve));
      // A client that stopped reading (a stuck stream) would hold the gateway open.
      gateway.server.closeAllConnections();
      await closed;
      await notifications.close();
      await core.close();
    },
  };
}

/**
 * A reverse proxy on loopback that sends each request to the base URL `route` picks for its path,
 * and answers `/docs-json` with the OpenAPI documents of all `apps` merged, as a gateway in front
 * of the split processes would.
 */
async function startGateway(
  route: (path: string) => string,
  apps: readonly string[],
): Promise<{ server: Server; url: string }> {
  const server = createServer((incoming, outgoing) => {
    if (incoming.url === '/docs-json') {
      void mergedDocument(apps).then((document) => {
        outgoing.writeHead(200, { 'content-type': 'application/json' });
        outgoing.end(JSON.stringify(document));
      });
      return;
    }
    const target = new URL(incoming.url ?? '/', route(incoming.url ?? '/'));
    const proxied = forward(target, { method: incoming.method, headers: incoming.headers }, (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      // An answer cut short (the app dropping a stream) cuts the client's connection too.
      pipeline(answer, outgoing, () => undefined);
    });
    proxied.on('error', () => outgoing.destroy());
    incoming.pipe(proxied);
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { server, url: `http://127.0.0.1:${port}` };
}

type OpenApiDocument = { paths: Record<string, unknown>; components?: { schemas?: Record<string, unknown> } };

async function mergedDocument(apps: readonly string[]): Promise<OpenApiDocument> {
  const documents = await Promise.all(
    apps.map(async (url) => (await request(url).get('/docs-json').expect(200)).body as OpenApiDocument),
  );
  const [first, ...rest] = documents;
  for (const other of rest) {
    Object.assign(first.paths, other.paths);
    first.components = { ...first.components, schemas: { ...first.components?.schemas, ...other.components?.schemas } };
  }
  return first;
}
