import type { FastifyInstance } from 'fastify';
import type { Connectors } from '../context/connectors';
import { isSourceError } from '../../connectors/shared/source-error';

/**
 * /healthz: the process is alive (for the load balancer's liveness probe).
 * /readyz: every source answers; 503 names which does not (codes only, never upstream details).
 */
/** How long one readiness answer is reused (issue 8 point 12). */
export const READY_CACHE_MS = 10_000;

export function registerHealthRoutes(app: FastifyInstance, connectors: Connectors): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  // /readyz is unauthenticated: it must not let anyone make the gateway call the sources (Tilbudsportalen is
  // billed and rate-limited) on every hit. One check at a time, its answer reused for READY_CACHE_MS.
  const names = Object.keys(connectors) as Array<keyof Connectors>;
  let last: { at: number; results: Promise<PromiseSettledResult<unknown>[]> } | undefined;
  const check = () => {
    if (!last || Date.now() - last.at > READY_CACHE_MS) last = { at: Date.now(), results: Promise.allSettled(names.map((n) => connectors[n].ping())) };
    return last.results;
  };
  app.get('/readyz', async (_req, reply) => {
    const results = await check();
    const sources = Object.fromEntries(
      results.map((r, i) => [names[i], r.status === 'fulfilled' ? 'ok' : isSourceError(r.reason) ? r.reason.code : 'SOURCE_UNAVAILABLE']),
    );
    const ready = results.every((r) => r.status === 'fulfilled');
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'degraded', sources });
  });
}
