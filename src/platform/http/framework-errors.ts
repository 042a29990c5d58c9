import type { FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { newId } from '../ids';
import { PROBLEM_CONTENT_TYPE, problemType, type ProblemDetails } from './problem-details';

function problem(status: number, code: string, detail: string, requestId: string): ProblemDetails {
  return { type: problemType(code), title: STATUS_CODES[status] ?? 'Error', status, code, detail, requestId };
}

const ROUTER_ERRORS: Record<string, { status: number; code: string; detail: string }> = {
  FST_ERR_BAD_URL: { status: 400, code: 'REQUEST.BAD_URL', detail: 'The URL is not valid (a bad percent-encoding)' },
  FST_ERR_MAX_PARAM_LENGTH: { status: 414, code: 'REQUEST.URI_TOO_LONG', detail: 'A path parameter is too long' },
};

/**
 * Fastify's `frameworkErrors`: what its router refuses before any route runs (a bad URL, a path
 * parameter over the maximum length), in the one error shape, with the request's id.
 */
export function frameworkErrors(error: Error & { code?: string }, request: FastifyRequest, reply: FastifyReply): void {
  const known = ROUTER_ERRORS[error.code ?? ''] ?? { status: 400, code: 'REQUEST.BAD_REQUEST', detail: error.message };
  void reply
    .status(known.status)
    .header('Content-Type', PROBLEM_CONTENT_TYPE)
    .header('X-Request-Id', request.id)
    .send(problem(known.status, known.code, known.detail, request.id));
}

function rawResponse(status: number, code: string, detail: string, extra = ''): string {
  const requestId = newId();
  const body = JSON.stringify(problem(status, code, detail, requestId));
  return (
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\nX-Request-Id: ${requestId}\r\n${extra}Connection: close\r\n\r\n${body}`
  );
}

/**
 * Node's `clientError`: a request the HTTP parser cannot read (a bad Content-Length, a bad chunk,
 * an unknown method, headers too large). Answered as problem+json where the socket still takes
 * it, then closed: after a framing error nothing more on the connection can be trusted.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  // As Node itself: never write a response into the middle of one already under way.
  const current = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (socket.writable && !current?.headersSent) {
    if (error.code === 'HPE_HEADER_OVERFLOW') {
      socket.write(rawResponse(431, 'REQUEST.HEADERS_TOO_LARGE', 'The request headers are too large'));
    } else if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
      socket.write(rawResponse(408, 'REQUEST.TIMEOUT', 'The request took too long to arrive'));
    } else {
      socket.write(rawResponse(400, 'REQUEST.MALFORMED_HTTP', 'The request is not valid HTTP/1.1'));
    }
  }
  socket.destroy(error);
}

/** Node's `checkExpectation`: an Expect header other than 100-continue (417), in the one error shape. */
export function refuseExpectation(request: IncomingMessage, response: ServerResponse): void {
  const requestId = newId();
  const body = JSON.stringify(
    problem(417, 'REQUEST.EXPECTATION_FAILED', 'Only "Expect: 100-continue" is supported', requestId),
  );
  response.writeHead(417, {
    'Content-Type': PROBLEM_CONTENT_TYPE,
    'Content-Length': Buffer.byteLength(body),
    'X-Request-Id': requestId,
    Connection: 'close',
  });
  response.end(body);
  request.resume();
}
