import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { BatchSpanProcessor, SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { GraphQLInstrumentation } from '@opentelemetry/instrumentation-graphql';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { FastifyOtelInstrumentation } from '@fastify/otel';

/**
 * OpenTelemetry tracing with the official instrumentations — http (incoming requests, Serviceplatformen's
 * node:http transport), undici (fetch: Tilbudsportalen, Serviceplatformen), fastify (@fastify/otel, the
 * fastify team's own), graphql, pg (fagsystem, economy system and store on PostgreSQL) and ioredis.
 * Off by default (OTEL_TRACING=on); the exporter is OTLP/HTTP, configured by the standard OTEL_EXPORTER_OTLP_*
 * variables. Must run before fastify, graphql, pg and ioredis are loaded (src/observability/tracing-preload).
 *
 * Privacy: no request or response bodies or headers are recorded; graphql spans get the operation and
 * field names but never variable values (`allowValues: false`), pg spans the statement text (parameterised:
 * values are bind parameters, not in the text) — a CPR never becomes a span attribute. Incoming URLs are
 * recorded without their query string (GET variables).
 */
export interface TracingHandle {
  provider: NodeTracerProvider;
  shutdown(): Promise<void>;
}

let active: TracingHandle | undefined;

export function startTracing(opts: { exporter: SpanExporter; serviceName?: string; batch?: boolean }): TracingHandle {
  if (active) return active;
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': opts.serviceName ?? 'socialdata-gateway' }),
    spanProcessors: [opts.batch === false ? new SimpleSpanProcessor(opts.exporter) : new BatchSpanProcessor(opts.exporter)],
  });
  provider.register();
  const fastify = new FastifyOtelInstrumentation({ registerOnInitialization: true });
  const unregister = registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        // the query string of GET /graphql carries variables (CPR numbers): never into a span
        startIncomingSpanHook: () => ({}),
        ignoreIncomingRequestHook: (req) => /^\/(healthz|readyz|metrics)/.test(req.url ?? ''),
        requestHook: (span, req) => {
          const url = (req as { url?: string }).url;
          if (typeof url === 'string' && url.includes('?')) span.setAttribute('url.query', '[redacted]');
        },
      }),
      new UndiciInstrumentation(),
      fastify,
      new GraphQLInstrumentation({ allowValues: false, mergeItems: true, depth: 2 }),
      new PgInstrumentation({ enhancedDatabaseReporting: false }),
      new IORedisInstrumentation({ dbStatementSerializer: (cmd) => cmd }),
    ],
  });
  active = {
    provider,
    async shutdown() {
      unregister();
      await provider.shutdown();
      active = undefined;
    },
  };
  return active;
}
