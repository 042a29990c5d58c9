import type { LoggerService } from '@nestjs/common';
import type { Level, Logger } from 'pino';

/**
 * Nest's chatter at start (a line per module and per route, ~90 in all) goes to debug: the
 * default log keeps what a reader needs. ExceptionHandler and NestApplication repeat, with a
 * stack, the error that stops a start, which main.ts reports in one line.
 */
const QUIET_CONTEXTS = new Set([
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestFactory',
  'NestApplication',
]);
const REPORTED_BY_MAIN = new Set(['ExceptionHandler', 'NestApplication']);

/** Nest's LoggerService over pino, given to NestFactory so that nothing waits in a buffer during the start. */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  /**
   * Nest calls `(message, ...params, context)`, and `error(message, stack, context)`; our code also
   * logs pino-style, `(fields, message)`. A last string without a line break is the context.
   */
  private write(level: Level, message: unknown, params: unknown[]): void {
    const rest = [...params];
    const last = rest.at(-1);
    const context = typeof last === 'string' && !last.includes('\n') ? (rest.pop() as string) : undefined;
    const chosen = this.levelFor(level, context);
    if (!this.logger.isLevelEnabled(chosen)) return;
    const fields: Record<string, unknown> = context ? { context } : {};
    if (message instanceof Error) {
      this.logger[chosen]({ ...fields, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.logger[chosen]({ ...fields, ...message }, typeof rest[0] === 'string' ? rest[0] : undefined);
    } else {
      const stack = level === 'error' && typeof rest[0] === 'string' ? { stack: rest[0] } : {};
      this.logger[chosen]({ ...fields, ...stack }, String(message));
    }
  }

  private levelFor(level: Level, context: string | undefined): Level {
    if (!context) return level;
    if (level === 'error' && REPORTED_BY_MAIN.has(context)) return 'debug';
    if (level === 'info' && QUIET_CONTEXTS.has(context)) return 'debug';
    return level;
  }
}
