import type { FastifyPluginAsync } from 'fastify';
import type { RequestCounter } from './stats';

/**
 * The stand-in's control plane (not part of the real Tilbudsportalen): liveness for start-up scripts and the
 * request counter the gateway's tests read to prove batching. No auth: the stand-in binds to loopback by default.
 */
export const adminRoutes: FastifyPluginAsync<{ counter: RequestCounter }> = async (app, opts) => {
  app.get('/health', async () => ({ status: 'ok', service: 'tilbudsportalen-standin' }));
  app.get('/admin/stats', async () => opts.counter.snapshot());
  app.post('/admin/reset-stats', async () => {
    opts.counter.reset();
    return opts.counter.snapshot();
  });
};
