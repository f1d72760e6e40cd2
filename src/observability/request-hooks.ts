import type { FastifyInstance } from 'fastify';
import { labelRequestLog } from '../server/logging';
import type { Metrics } from './metrics';

/**
 * Per-request observability, both engines:
 * - once the guards have read the operation and the caller, every later log line of the request — resolver
 *   warnings and fastify's "request completed" — carries `operation` and `role` (never the user, never a CPR);
 * - requests are counted and timed by operation and engine, in the app's metrics.
 * `bindLogToOperation` is registered after the guards.
 */
export function registerRequestObservability(app: FastifyInstance, engine: string, metrics: Pick<Metrics, 'requests' | 'requestDuration'>): void {
  // a plain callback hook: no promise per request
  app.addHook('onResponse', (request, reply, done) => {
    if (request.url.startsWith('/graphql')) {
      const operation = request.gate?.operationName || 'anonymous';
      const labels = { operation: request.gate ? operation : 'refused', engine };
      metrics.requests.inc({ ...labels, status: `${Math.floor(reply.statusCode / 100)}xx` });
      metrics.requestDuration.observe(labels, reply.elapsedTime / 1000);
    }
    done();
  });
}

/** Registered after the guards' preHandler: the request's log lines gain operation and role (src/server/logging). */
export function bindLogToOperation(app: FastifyInstance): void {
  app.addHook('preHandler', (request, _reply, done) => {
    if (request.gate) labelRequestLog(request.raw, { operation: request.gate.operationName || 'anonymous', role: request.gate.principal.roles.join(',') });
    done();
  });
}
