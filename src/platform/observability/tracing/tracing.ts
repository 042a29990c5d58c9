import { ROOT_CONTEXT, propagation, trace, type Context, type Span, type Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  NodeTracerProvider,
  ParentBasedSampler,
  SimpleSpanProcessor,
  TraceIdRatioBasedSampler,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-node';
import type { PlatformConfig } from '../../config/platform.config';

export interface TracingOptions {
  readonly serviceName: string;
  /** Share of new traces recorded (0 to 1); a trace begun elsewhere keeps its caller's decision. */
  readonly sampleRatio: number;
  readonly exporter: SpanExporter;
  /** Export each span as it ends instead of in batches (tests read them straight away). */
  readonly immediate?: boolean;
}

let provider: NodeTracerProvider | undefined;

/**
 * Starts tracing in this process. OpenTelemetry's API holds one tracer provider per process, so
 * the first start wins (a test starts one with an in-memory exporter before its apps). Until
 * then every helper here does nothing: tracing off costs a boolean test per request and batch.
 */
export function startTracing(options: TracingOptions): void {
  if (provider) return;
  provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.serviceName }),
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(options.sampleRatio) }),
    spanProcessors: [
      options.immediate ? new SimpleSpanProcessor(options.exporter) : new BatchSpanProcessor(options.exporter),
    ],
  });
  // Also registers the W3C trace context propagator that reads and writes `traceparent`.
  provider.register();
}

/** Starts tracing as the settings say (TRACING_*): spans go to an OTLP/HTTP collector. */
export function startTracingFromSettings(settings: PlatformConfig['tracing']): void {
  if (!settings.enabled) return;
  startTracing({
    serviceName: settings.serviceName,
    sampleRatio: settings.sampleRatio,
    // Headers (an API key of a hosted collector) come from OTEL_EXPORTER_OTLP_HEADERS, read by the exporter.
    exporter: new OTLPTraceExporter({ url: settings.otlpEndpoint }),
  });
}

export function tracingEnabled(): boolean {
  return provider !== undefined;
}

/** Sends the spans still buffered (at shutdown). */
export async function flushTracing(): Promise<void> {
  await provider?.forceFlush();
}

export function tracer(): Tracer {
  return trace.getTracer('payments-platform');
}

/** The W3C `traceparent` of `span`: what work it causes carries, to continue its trace. */
export function traceparentOf(span: Span): string | undefined {
  const carrier: { traceparent?: string } = {};
  propagation.inject(trace.setSpan(ROOT_CONTEXT, span), carrier);
  return carrier.traceparent;
}

/** The context a `traceparent` (or a carrier of one, such as HTTP headers) continues; the root when there is none. */
export function contextFrom(carrier: unknown): Context {
  if (typeof carrier === 'string') return propagation.extract(ROOT_CONTEXT, { traceparent: carrier });
  if (carrier !== null && typeof carrier === 'object') return propagation.extract(ROOT_CONTEXT, carrier);
  return ROOT_CONTEXT;
}

/** The trace id of a W3C `traceparent` (`00-<trace id>-<span id>-<flags>`). */
export function traceIdOf(traceparent: string | undefined): string | undefined {
  return traceparent?.split('-')[1];
}
