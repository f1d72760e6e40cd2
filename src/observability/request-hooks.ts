import type { FastifyInstance } from 'fastify';
import { runWithCallContext } from '../../connectors/shared/call-context';
import type { Metrics } from './metrics';

/**
 * Per-request observability, both engines:
 * - every source call made for a request knows its transaction id (connectors/shared/call-context);
 * - once the guards have read the operation and the caller, every later log line of the request — resolver
 *   warnings and fastify's "request completed" — carries `operation` and `role` (never the user, never a CPR);
 * - requests are counted and timed by operation and engine, in the app's metrics.
 * Call before the guards are registered (the call context must wrap them) — `bindAfterGuards` after.
 */
export function registerRequestObservability(app: FastifyInstance, engine: string, metrics: Pick<Metrics, 'requests' | 'requestDuration'>): void {
  app.addHook('onRequest', (request, _reply, done) => {
    runWithCallContext(
      {
        transactionId: request.id,
        get operationName() {
          return request.gate?.operationName;
        },
      },
      done,
    );
  });
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

/** Registered after the guards' preHandler: the request's logger gains operation and role. */
export function bindLogToOperation(app: FastifyInstance): void {
  app.addHook('preHandler', (request, reply, done) => {
    if (request.gate) {
      const child = request.log.child({ operation: request.gate.operationName || 'anonymous', role: request.gate.principal.roles.join(',') });
      request.log = child;
      reply.log = child;
    }
    done();
  });
}
