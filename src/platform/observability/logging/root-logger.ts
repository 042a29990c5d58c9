import pino, { type Logger } from 'pino';
import { RequestContext } from '../../context/request-context';
import type { PlatformConfig } from '../../config/platform.config';
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

/** The process's one pino logger: JSON lines, or one readable line each with LOG_PRETTY. */
export function createRootLogger(config: PlatformConfig['logging']): Logger {
  const options = { level: config.level, mixin: logContext };
  if (config.pretty) {
    return pino({
      ...options,
      transport: {
        target: 'pino-pretty',
        options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' },
      },
    });
  }
  // Written synchronously: a process ended by a signal (Nest raises it again after shutdown) or by
  // a crash loses no line, the last ones before it least of all.
  return pino(options, pino.destination({ dest: 1, sync: true }));
}
