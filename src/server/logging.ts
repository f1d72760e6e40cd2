import { LogController } from 'fastify';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';

/**
 * Structured logs without personal data. Request log lines carry the method, the path WITHOUT its query
 * string (a GET /graphql carries variables — CPR numbers — in the query string), the status and the
 * transaction id; never headers (tokens) or bodies. Resolver failures are logged by src/graphql/errors with
 * the error's name and message only, and no message this project writes contains a CPR, name or address.
 */
export function loggerOptions(level: string | false, stream?: { write(msg: string): void }): FastifyServerOptions['logger'] {
  if (level === false) return false;
  return {
    level,
    ...(stream ? { stream } : {}),
    serializers: {
      req: (req: { method?: string; url?: string }) => ({ method: req.method, path: (req.url ?? '').split('?')[0] }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      // no stack in logs by default either: the transaction id finds the request; LOG_LEVEL=debug is for developers
      err: ((err: { name?: string; message?: string; code?: string }) => ({
        type: err.name ?? 'Error',
        code: err.code,
        message: err.message ?? '',
        stack: '',
      })) as never,
    },
  };
}

export function logController(): LogController {
  // fastify's own two lines per request are off: registerRequestLog writes one
  return new LogController({ requestIdLogLabel: 'transactionId', disableRequestLogging: true });
}

/**
 * One log line per request, written when the response is done (fastify's own request logging, switched off
 * in buildApp, writes two: "incoming request" and "request completed"). A plain callback hook: no promise
 * per request.
 */
export function registerRequestLog(app: FastifyInstance): void {
  app.addHook('onResponse', (request, reply, done) => {
    request.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
    done();
  });
}
