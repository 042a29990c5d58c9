import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { isQuietPath } from '../quiet-paths';

/**
 * One line per request once it is answered: method, route (the template, so no ids or query
 * strings end up in logs), status, duration and request id. Written from Fastify's onResponse,
 * which every request reaches, whichever module, route or error answered it.
 */
export function logRequests(fastify: FastifyInstance, logger: Logger): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    const path = request.url.split('?')[0];
    const route = request.routeOptions.url ?? path;
    const status = reply.statusCode;
    const durationMs = Math.round(reply.elapsedTime * 10) / 10;
    const level = isQuietPath(path) ? 'debug' : status >= 500 ? 'warn' : 'info';
    logger[level](
      { requestId: request.id, method: request.method, route, status, durationMs },
      `${request.method} ${route} ${status} ${durationMs} ms`,
    );
    done();
  });
}
