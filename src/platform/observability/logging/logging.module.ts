import type { IncomingMessage, ServerResponse } from 'node:http';
import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { platformConfig, type PlatformConfig } from '../../config/platform.config';
import { REQUEST_ID_HEADER } from '../../http/request-id';
import { RequestContext } from '../../context/request-context';
import { isQuietPath } from '../quiet-paths';
import { traceIdOf } from '../tracing/tracing';

/**
 * What every line logged while a request or an event is handled carries: its correlation id (the
 * X-Request-Id of the request that began the chain) and, when traced, its trace id, so one grep
 * finds a payment's HTTP request and every consumer it went through.
 */
function logContext(): Record<string, string> {
  const { correlationId, traceparent } = RequestContext.current();
  const traceId = traceIdOf(traceparent);
  return {
    ...(correlationId !== undefined && { correlationId }),
    ...(traceId !== undefined && { traceId }),
  };
}

/** Structured JSON logs (pino), one line per request with its X-Request-Id; pretty in development. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [platformConfig.KEY],
      useFactory: (config: PlatformConfig) => ({
        pinoHttp: {
          level: config.logging.level,
          // Fastify already chose the id (see request-id.ts) and wrote it onto the raw headers.
          genReqId: (request: IncomingMessage) => String(request.headers[REQUEST_ID_HEADER] ?? ''),
          autoLogging: { ignore: (request: IncomingMessage) => isQuietPath(request.url) },
          redact: ['req.headers.authorization', 'req.headers.cookie'],
          mixin: logContext,
          serializers: {
            req: (request: IncomingMessage & { id?: string }) => ({
              id: request.id,
              method: request.method,
              url: request.url,
            }),
            res: (response: ServerResponse) => ({ statusCode: response.statusCode }),
          },
          transport: config.logging.pretty
            ? {
                target: 'pino-pretty',
                options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' },
              }
            : undefined,
        },
      }),
    }),
  ],
})
export class LoggingModule {}
