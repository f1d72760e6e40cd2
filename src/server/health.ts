import type { FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import type { Connectors } from '../context/connectors';
import { isSourceError } from '../../connectors/shared/source-error';

/**
 * /healthz: the process is alive (for the load balancer's liveness probe).
 * /readyz: "this replica can serve" — its own store answers (the access log every citizen read needs).
 * A source outage is the same for every replica, so it never fails readiness (a probe would pull them all
 * at once): `sources` is reported for information, and /healthz/sources (src/observability) has the detail.
 * 503 while shutting down (fastify answers it once close() has begun) or when the store does not answer.
 */
export function registerHealthRoutes(app: FastifyInstance, connectors: Connectors, store?: Knex): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    const storeOk = store ? await store.raw('select 1').then(() => true, () => false) : true;
    const names = Object.keys(connectors) as Array<keyof Connectors>;
    const results = await Promise.allSettled(names.map((n) => connectors[n].ping()));
    const sources = Object.fromEntries(
      results.map((r, i) => [names[i], r.status === 'fulfilled' ? 'ok' : isSourceError(r.reason) ? r.reason.code : 'SOURCE_UNAVAILABLE']),
    );
    const allSources = results.every((r) => r.status === 'fulfilled');
    return reply.code(storeOk ? 200 : 503).send({ status: !storeOk ? 'unavailable' : allSources ? 'ready' : 'degraded', store: storeOk ? 'ok' : 'SOURCE_UNAVAILABLE', sources });
  });
}
