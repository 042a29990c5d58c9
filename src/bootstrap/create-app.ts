import type { DynamicModule, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { RawServerDefault } from 'fastify';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import helmet from 'helmet';
import { validateSettings } from '../platform/config/define-config';
import { platformConfig } from '../platform/config/platform.config';
import { RequestContext } from '../platform/context/request-context';
import { developmentSecretsKey, useSecretsKey } from '../platform/crypto/secret-box';
import { requestIdOf } from '../platform/http/request-id';
import { NormalizeIdParamsPipe } from '../platform/http/normalize-id-params.pipe';
import { clientErrorHandler, frameworkErrors, refuseExpectation } from '../platform/http/framework-errors';
import { JsonTooDeepError, nestsDeeperThan } from '../platform/http/json-depth';
import { createValidationPipe } from '../platform/http/validation';
import { NestPinoLogger } from '../platform/observability/logging/nest-logger';
import { logRequests } from '../platform/observability/logging/request-log';
import { createRootLogger } from '../platform/observability/logging/root-logger';
import { HttpMetrics } from '../platform/observability/metrics/http-metrics';
import { traceRequests } from '../platform/observability/tracing/http-tracing';
import { startTracingFromSettings } from '../platform/observability/tracing/tracing';

import { serveConsole } from './console';
import { serveHome } from './home';
import { setUpSwagger } from './swagger';

/**
 * Builds the HTTP application with every convention of the API: request ids, the request
 * context, strict validation, problem+json errors (a global filter in the platform module),
 * Swagger. `main.ts` and the e2e tests both start from here, so tests run what production runs.
 */
export async function createApp(rootModule: Type | DynamicModule): Promise<NestFastifyApplication> {
  validateSettings();
  const config = platformConfig();
  useSecretsKey(config.secrets.key ?? developmentSecretsKey());
  startTracingFromSettings(config.tracing);
  const adapter = new FastifyAdapter({
    bodyLimit: config.http.bodyLimitBytes,
    genReqId: requestIdOf,
    requestIdHeader: false,
    frameworkErrors,
    clientErrorHandler,
  });
  const logger = createRootLogger(config.logging);
  const app = await NestFactory.create<NestFastifyApplication>(rootModule, adapter, {
    // Written as it happens, not buffered until Nest is up: a first start says what it is doing.
    logger: new NestPinoLogger(logger),
    // A failed start reaches main.ts, which reports it in one line, instead of Nest exiting first.
    abortOnError: false,
  });
  app.enableShutdownHooks();
  app.useGlobalPipes(new NormalizeIdParamsPipe(), createValidationPipe());

  const fastify = app.getHttpAdapter().getInstance();
  fastify.server.on('checkExpectation', refuseExpectation);
  // The API speaks JSON only: a text/plain body is refused instead of reaching validation as a string.
  fastify.removeContentTypeParser('text/plain');
  // Many clients send a JSON content type on every POST, even with no body (cancel, freeze…):
  // an empty body is no body, and endpoints that need one say which fields are missing.
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser<RawServerDefault>(
    'application/json',
    { bodyLimit: config.http.bodyLimitBytes },
    (request, body, done) => {
      if (body.length === 0) return done(null, undefined);
      const text = body.toString();
      if (nestsDeeperThan(text, config.http.maxJsonDepth)) return done(new JsonTooDeepError(config.http.maxJsonDepth));
      void parseJson(request, text, done);
    },
  );
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('X-Request-Id', request.id);
    RequestContext.isolated({ requestId: request.id, correlationId: request.id }, done);
  });
  traceRequests(fastify);

  app.get(HttpMetrics).attach(fastify);
  logRequests(fastify, logger);
  // Pretty logs go through a worker thread: what it still holds (the shutdown line) is written
  // before Nest ends the process by raising the signal again.
  fastify.addHook('onClose', (_instance, done) => logger.flush(() => done()));
  // Security headers on every response. Swagger UI (/docs) runs an inline script and styles and
  // shows data: images, which the policy allows from this origin only. Helmet's middleware is
  // built once, here: the Fastify plugin built it again for every request (8% of the read path's
  // JavaScript time).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: [`'self'`],
        scriptSrc: [`'self'`, `'unsafe-inline'`],
        styleSrc: [`'self'`, `'unsafe-inline'`],
        imgSrc: [`'self'`, 'data:', 'validator.swagger.io'],
      },
    },
  });
  fastify.addHook('onRequest', (request, reply, done) =>
    securityHeaders(request.raw, reply.raw, (error) => done(error as Error | undefined)),
  );

  setUpSwagger(app);
  serveConsole(app);
  serveHome(app);

  await app.init();
  await fastify.ready();
  return app;
}
