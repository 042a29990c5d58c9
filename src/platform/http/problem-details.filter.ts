import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { isDatabaseUnavailable } from '../database/database-unavailable';
import { DomainError, type ErrorKind } from '../errors/domain-error';
import { PROBLEM_CONTENT_TYPE, problemType, type ProblemDetails } from './problem-details';

const STATUS_BY_KIND: Record<ErrorKind, number> = {
  invalid: HttpStatus.BAD_REQUEST,
  unauthenticated: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  unprocessable: HttpStatus.UNPROCESSABLE_ENTITY,
  too_large: HttpStatus.PAYLOAD_TOO_LARGE,
  rate_limited: HttpStatus.TOO_MANY_REQUESTS,
  unavailable: HttpStatus.SERVICE_UNAVAILABLE,
};

/** Long enough for a database restart or failover; short enough not to drain clients. */
export const RETRY_AFTER_UNAVAILABLE_SECONDS = 1;

export function statusOf(error: DomainError): number {
  return STATUS_BY_KIND[error.kind];
}

/** Fastify's own refusals (raised before our code runs), given stable codes of our own. */
const FASTIFY_ERRORS: Record<string, { code: string; title: string; detail?: string; status?: number }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'REQUEST.MALFORMED_JSON', title: 'Malformed JSON' },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'REQUEST.BODY_TOO_LARGE', title: 'Body too large' },
  // API.md counts every unreadable body as malformed input (400), so not Fastify's 415.
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
    title: 'Unsupported media type',
    detail: 'The body must be JSON (Content-Type: application/json)',
    status: HttpStatus.BAD_REQUEST,
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'REQUEST.INVALID_CONTENT_LENGTH', title: 'Invalid Content-Length' },
};

function fastifyCode(exception: HttpException): string | undefined {
  const cause = exception.cause as { code?: unknown } | undefined;
  if (typeof cause?.code === 'string') return cause.code;
  // A JSON syntax error surfaces as a SyntaxError with a 400 status.
  if (cause instanceof SyntaxError) return 'FST_ERR_CTP_INVALID_JSON_BODY';
  return undefined;
}

/**
 * Turns every error into `application/problem+json`: domain errors by their kind, framework
 * refusals (bad JSON, body too large, unknown route) into the same shape, and anything
 * unexpected into a bare 500 that is logged in full but leaks nothing.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const problem = this.toProblem(exception, request);
    // RFC 9110: a 401 names the scheme the client should authenticate with.
    if (problem.status === 401) void reply.header('WWW-Authenticate', 'Bearer');
    if (problem.status === 503) void reply.header('Retry-After', String(RETRY_AFTER_UNAVAILABLE_SECONDS));
    void reply.status(problem.status).header('Content-Type', PROBLEM_CONTENT_TYPE).send(problem);
  }

  toProblem(exception: unknown, request: FastifyRequest): ProblemDetails {
    const requestId = request.id;
    if (exception instanceof DomainError) {
      return {
        type: problemType(exception.code),
        title: exception.title,
        status: statusOf(exception),
        code: exception.code,
        detail: exception.message,
        requestId,
        ...(exception.fieldErrors?.length ? { errors: exception.fieldErrors } : {}),
      };
    }
    if (exception instanceof HttpException && exception.getStatus() < 500) {
      const status = exception.getStatus();
      const known = FASTIFY_ERRORS[fastifyCode(exception) ?? ''];
      if (known) {
        return {
          type: problemType(known.code),
          title: known.title,
          status: known.status ?? status,
          code: known.code,
          detail: known.detail ?? exception.message,
          requestId,
        };
      }
      if (status === 404) {
        const code = 'REQUEST.ROUTE_NOT_FOUND';
        return {
          type: problemType(code),
          title: 'Not found',
          status,
          code,
          detail: `No route for ${request.method} ${request.url}`,
          requestId,
        };
      }
      const name = (STATUS_CODES[status] ?? 'Error').toUpperCase().replace(/[^A-Z]+/g, '_');
      const code = `REQUEST.${name}`;
      return {
        type: problemType(code),
        title: STATUS_CODES[status] ?? 'Error',
        status,
        code,
        detail: exception.message,
        requestId,
      };
    }
    if (isDatabaseUnavailable(exception)) {
      // Lost for now (a restart, a failover): the pool reconnects by itself; the client retries.
      this.logger.warn({ err: exception, requestId }, 'Database unavailable');
      const code = 'SERVICE.DATABASE_UNAVAILABLE';
      return {
        type: problemType(code),
        title: 'Service unavailable',
        status: HttpStatus.SERVICE_UNAVAILABLE,
        code,
        detail: 'The database is out of reach for a moment; retry after the Retry-After delay',
        requestId,
      };
    }
    this.logger.error({ err: exception, requestId }, 'Unhandled error');
    const code = 'INTERNAL.UNEXPECTED';
    return {
      type: problemType(code),
      title: 'Internal server error',
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      code,
      detail: 'The server failed to handle the request. Quote the requestId when reporting it.',
      requestId,
    };
  }
}
