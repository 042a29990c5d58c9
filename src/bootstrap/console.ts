import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/** Where `npm run build` puts the operator console (console/, built by Vite): the same from src/ and dist/. */
const CONSOLE_DIR = resolve(__dirname, '../../dist/console');

/**
 * Serves the operator console at /console: static files only, so nothing comes from a CDN. The
 * page asks for an admin key and sends it with every API call; the files themselves are public,
 * as /docs is. Not built (a test run without `npm run build`): nothing is served.
 */
export function serveConsole(app: NestFastifyApplication): void {
  if (!existsSync(resolve(CONSOLE_DIR, 'index.html'))) return;
  app.useStaticAssets({ root: CONSOLE_DIR, prefix: '/console/', decorateReply: false });
  app
    .getHttpAdapter()
    .getInstance()
    .get('/console', (_request, reply) => reply.redirect('/console/'));
}
