import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { CallCounter } from './calls';
import { type Latency, MAX_LATENCY_MS } from './latency';

const LatencyBody = z.object({ ms: z.number().int().min(0).max(MAX_LATENCY_MS) }).strict();

/**
 * The stand-in's control plane (not part of the real Serviceplatformen): liveness, the call counter the
 * gateway's tests read to prove it batches and caches CPR/CVR look-ups, and the latency knob. No auth: the
 * stand-in binds to loopback by default.
 */
export const adminRoutes: FastifyPluginAsync<{ counter: CallCounter; latency: Latency }> = async (app, opts) => {
  app.get('/health', async () => ({ status: 'ok', service: 'serviceplatformen-standin' }));

  app.get('/admin/calls', async () => opts.counter.snapshot());
  app.post('/admin/reset-calls', async () => {
    opts.counter.reset();
    return opts.counter.snapshot();
  });

  app.get('/admin/latency', async () => ({ ms: opts.latency.get() }));
  app.put('/admin/latency', async (request, reply) => {
    const parsed = LatencyBody.safeParse(request.body);
    if (!parsed.success) {
      return reply.code(400).send({
        error: 'INVALID_PARAMETER',
        parameter: 'ms',
        message: `body must be JSON { "ms": <integer 0..${MAX_LATENCY_MS}> }`,
      });
    }
    opts.latency.set(parsed.data.ms);
    return { ms: opts.latency.get() };
  });
};
