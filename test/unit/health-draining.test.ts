import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { markDraining, registerHealthRoutes } from '../../src/server/health';
import type { Connectors } from '../../src/context/connectors';

/**
 * Draining is state of the app instance (a decorator), not of the module: from SIGTERM on (markDraining) its
 * /readyz answers 503 and every answer closes its connection; another app in the same process is unaffected.
 */
describe('draining', () => {
  it('turns /readyz to 503 with connection: close for the app marked, and only for it', async () => {
    const none = {} as Connectors; // no sources: readiness is the store's (none here) and the drain flag
    const [a, b] = [Fastify(), Fastify()];
    registerHealthRoutes(a, none);
    registerHealthRoutes(b, none);
    try {
      expect((await a.inject('/readyz')).statusCode).toBe(200);
      markDraining(a);
      const drained = await a.inject('/readyz');
      expect(drained.statusCode).toBe(503);
      expect(drained.headers.connection).toBe('close');
      expect((await a.inject('/healthz')).headers.connection).toBe('close');
      expect((await b.inject('/readyz')).statusCode).toBe(200);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
