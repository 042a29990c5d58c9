import type { IncomingMessage, ServerResponse } from 'node:http';
import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { platformConfig, type PlatformConfig } from '../../config/platform.config';
import { REQUEST_ID_HEADER } from '../../http/request-id';

const QUIET_PATHS = ['/health/', '/metrics'];

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
          autoLogging: { ignore: (request: IncomingMessage) => QUIET_PATHS.some((p) => request.url?.startsWith(p)) },
          redact: ['req.headers.authorization', 'req.headers.cookie'],
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
