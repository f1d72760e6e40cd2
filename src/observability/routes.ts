import type { FastifyInstance } from 'fastify';
import type { Connectors } from '../context/connectors';
import { policyOf } from '../../connectors/shared/resilience-registry';
import { isSourceError } from '../../connectors/shared/source-error';
import { registry } from './metrics';

/**
 * GET /metrics (Prometheus text format) and GET /healthz/sources: the health of each source system, kept
 * apart from /readyz so that an outage of Tilbudsportalen or Serviceplatformen — which every replica sees
 * at once — never makes a readiness probe pull every replica. 200 when all answer, 207 when degraded;
 * codes and breaker states only, never upstream details.
 */
export function registerObservabilityRoutes(app: FastifyInstance, connectors: Connectors): void {
  app.get('/metrics', async (_req, reply) => {
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
  app.get('/healthz/sources', async (_req, reply) => {
    const names = Object.keys(connectors) as Array<keyof Connectors>;
    const results = await Promise.allSettled(names.map((n) => connectors[n].ping()));
    const sources = Object.fromEntries(
      results.map((r, i) => {
        const h = policyOf(connectors[names[i]!])?.health();
        const status = r.status === 'fulfilled' ? 'ok' : isSourceError(r.reason) ? r.reason.code : 'SOURCE_UNAVAILABLE';
        return [names[i], { status, breaker: h?.breaker ?? 'closed', active: h?.active ?? 0, queued: h?.queued ?? 0 }];
      }),
    );
    const allOk = results.every((r) => r.status === 'fulfilled');
    return reply.code(allOk ? 200 : 207).send({ status: allOk ? 'ok' : 'degraded', sources });
  });
}
