import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import type { Connectors } from '../context/connectors';
import { isSourceError } from '../../connectors/shared/source-error';

/**
 * GET /metrics (Prometheus text format) and GET /healthz/sources: the health of each source system, kept
 * apart from /readyz so that an outage of Tilbudsportalen or Serviceplatformen — which every replica sees
 * at once — never makes a readiness probe pull every replica. 200 when all answer, 207 when degraded;
 * codes and breaker states only, never upstream details. Both read what the app hands them: its metrics
 * registry and its connectors (each connector shows its resilience policy).
 */
/** How long one round of source pings is reused by /healthz/sources. */
export const SOURCES_CACHE_MS = 2_000;

export function registerObservabilityRoutes(app: FastifyInstance, connectors: Connectors, registry: Registry): void {
  app.get('/metrics', async (_req, reply) => {
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
  // unauthenticated like /readyz: the pings (one is a billed-rate Tilbudsportalen call) run at most once per
  // SOURCES_CACHE_MS whatever the traffic on this route; breaker state and queue use are read live
  const names = Object.keys(connectors) as Array<keyof Connectors>;
  let last: { at: number; results: Promise<PromiseSettledResult<unknown>[]> } | undefined;
  app.get('/healthz/sources', async (_req, reply) => {
    if (!last || Date.now() - last.at > SOURCES_CACHE_MS) last = { at: Date.now(), results: Promise.allSettled(names.map((n) => connectors[n].ping())) };
    const results = await last.results;
    const sources = Object.fromEntries(
      results.map((r, i) => {
        const h = connectors[names[i]!].policy?.health();
        const status = r.status === 'fulfilled' ? 'ok' : isSourceError(r.reason) ? r.reason.code : 'SOURCE_UNAVAILABLE';
        return [names[i], { status, breaker: h?.breaker ?? 'closed', active: h?.active ?? 0, queued: h?.queued ?? 0 }];
      }),
    );
    const allOk = results.every((r) => r.status === 'fulfilled');
    return reply.code(allOk ? 200 : 207).send({ status: allOk ? 'ok' : 'degraded', sources });
  });
}
