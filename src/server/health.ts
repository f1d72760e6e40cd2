import type { FastifyInstance } from 'fastify';
import type { Connectors } from '../context/connectors';
import { isSourceError } from '../../connectors/shared/source-error';

/**
 * /healthz: the process is alive (for the load balancer's liveness probe).
 * /readyz: every source answers; 503 names which does not (codes only, never upstream details).
 */
export function registerHealthRoutes(app: FastifyInstance, connectors: Connectors): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    const names = Object.keys(connectors) as Array<keyof Connectors>;
    const results = await Promise.allSettled(names.map((n) => connectors[n].ping()));
    const sources = Object.fromEntries(
      results.map((r, i) => [names[i], r.status === 'fulfilled' ? 'ok' : isSourceError(r.reason) ? r.reason.code : 'SOURCE_UNAVAILABLE']),
    );
    const ready = results.every((r) => r.status === 'fulfilled');
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'degraded', sources });
  });
}
