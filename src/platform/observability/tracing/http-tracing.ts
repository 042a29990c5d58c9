import { SpanKind, SpanStatusCode, type Span } from '@opentelemetry/api';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { RequestContext } from '../../context/request-context';
import { isQuietPath } from '../quiet-paths';
import { contextFrom, tracer, traceparentOf, tracingEnabled } from './tracing';

/**
 * A server span per request, continuing the caller's `traceparent` when it sends one. Its context
 * goes into the request context, so the events the request publishes carry it. To be added after
 * the hook that opens the request context. Adds nothing while tracing is off.
 */
export function traceRequests(fastify: FastifyInstance): void {
  if (!tracingEnabled()) return;
  const spans = new WeakMap<FastifyRequest, Span>();
  fastify.addHook('onRequest', (request, _reply, done) => {
    if (isQuietPath(request.url)) return done();
    const route = request.routeOptions.url;
    const span = tracer().startSpan(
      `${request.method} ${route ?? 'unmatched'}`,
      {
        kind: SpanKind.SERVER,
        attributes: {
          'http.request.method': request.method,
          'http.route': route ?? 'unmatched',
          'url.path': request.url.split('?')[0],
          'http.request.id': request.id,
        },
      },
      contextFrom(request.headers),
    );
    spans.set(request, span);
    RequestContext.current().traceparent = traceparentOf(span);
    done();
  });
  const end = (request: FastifyRequest, statusCode: number | undefined) => {
    const span = spans.get(request);
    if (!span) return;
    spans.delete(request);
    if (statusCode === undefined) span.setStatus({ code: SpanStatusCode.ERROR, message: 'The client went away' });
    else {
      span.setAttribute('http.response.status_code', statusCode);
      if (statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    }
    span.end();
  };
  fastify.addHook('onResponse', (request, reply, done) => {
    end(request, reply.statusCode);
    done();
  });
  fastify.addHook('onRequestAbort', (request, done) => {
    end(request, undefined);
    done();
  });
}
