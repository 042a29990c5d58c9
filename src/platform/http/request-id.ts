import type { IncomingMessage } from 'node:http';
import { newId } from '../ids';

export const REQUEST_ID_HEADER = 'x-request-id';
const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Fastify's `genReqId`: reuse the caller's X-Request-Id when it is sane, otherwise make one.
 * The id is written back onto the raw request's headers so that the HTTP logger, which sees only
 * the raw request, logs the same id.
 */
export function requestIdOf(request: IncomingMessage): string {
  const given = request.headers[REQUEST_ID_HEADER];
  const id = typeof given === 'string' && ACCEPTABLE_ID.test(given) ? given : newId();
  request.headers[REQUEST_ID_HEADER] = id;
  return id;
}
