import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { loadConfig } from '../config';
import { startTracing } from './tracing';

/**
 * Imported first by src/server/main.ts, so the instrumentations are in place before fastify, graphql, pg
 * and ioredis load. An invalid configuration is left for main to report in its one line.
 */
let enabled = false;
try {
  enabled = loadConfig().tracing;
} catch {
  enabled = false;
}
if (enabled) startTracing({ exporter: new OTLPTraceExporter() });
