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
/** How long one readiness answer is reused (issue 8 point 12). */
export const READY_CACHE_MS = 10_000;

declare module 'fastify' {
  interface FastifyInstance {
    /** set from SIGTERM on (markDraining); state of this app instance, not of the module */
    draining: boolean;
  }
}

/** From SIGTERM on, /readyz answers 503 so the load balancer stops sending this replica new requests. */
export function markDraining(app: FastifyInstance): void {
  if (app.hasDecorator('draining')) app.draining = true;
}

export function registerHealthRoutes(app: FastifyInstance, connectors: Connectors, store?: Knex): void {
  app.decorate('draining', false);
  // while draining, every answer closes its connection, so kept-alive clients move on and the drain ends
  app.addHook('onSend', async (_request, reply) => {
    if (app.draining) reply.header('connection', 'close');
  });
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
    if (app.draining) return reply.code(503).header('connection', 'close').send({ status: 'draining' });
    const storeOk = store
      ? await store.raw('select 1').then(
          () => true,
          () => false,
        )
      : true;
    const results = await check();
    const sources = Object.fromEntries(
      results.map((r, i) => [names[i], r.status === 'fulfilled' ? 'ok' : isSourceError(r.reason) ? r.reason.code : 'SOURCE_UNAVAILABLE']),
    );
    const allSources = results.every((r) => r.status === 'fulfilled');
    return reply
      .code(storeOk ? 200 : 503)
      .send({ status: !storeOk ? 'unavailable' : allSources ? 'ready' : 'degraded', store: storeOk ? 'ok' : 'SOURCE_UNAVAILABLE', sources });
  });
}
