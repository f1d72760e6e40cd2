import { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';

/**
 * Logging that cannot leak personal data: Fastify's own per-request lines are off (they carry the query
 * string, and error lines may carry request content), and one line per response carries only method,
 * path (no query) and status.
 */
export function loggerOptions(enabled: boolean | undefined): Pick<FastifyServerOptions, 'logger' | 'logController'> {
  return { logger: enabled ? { level: 'info' } : false, logController: new LogController({ disableRequestLogging: true }) };
}

export function addResponseLog(app: FastifyInstance, enabled: boolean | undefined): void {
  if (!enabled) return;
  app.addHook('onResponse', async (request, reply) => {
    request.log.info({ method: request.method, path: request.url.split('?')[0], status: reply.statusCode }, 'response');
  });
}
