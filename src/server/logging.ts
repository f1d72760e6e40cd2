import type { IncomingMessage } from 'node:http';
import { LogController } from 'fastify';
import type { FastifyBaseLogger, FastifyInstance, FastifyServerOptions } from 'fastify';

/** On a request's logger: the raw request it belongs to (set by `requestLogger`). */
const REQUEST = Symbol('request');
/** On a raw request: the labels every later log line of the request carries (`labelRequestLog`). */
const LABELS = Symbol('logLabels');
type Labels = { operation: string; role: string };
type Labelled = IncomingMessage & { [LABELS]?: Labels };

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
    // a request's operation and role, once known, on each of its lines: read at write time, so no child logger
    // is built per request (one was 20 µs of a 0.2 ms request)
    mixin: (_merge: object, _level: number, logger: unknown) => {
      const labels = (logger as { [REQUEST]?: Labelled })[REQUEST]?.[LABELS];
      return labels ? { operation: labels.operation, role: labels.role } : {};
    },
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

/** fastify's childLoggerFactory: the request's logger, which knows its request for the mixin above. */
export function requestLogger(logger: FastifyBaseLogger, bindings: Record<string, unknown>, opts: object, raw: IncomingMessage): FastifyBaseLogger {
  const child = logger.child(bindings, opts) as FastifyBaseLogger & { [REQUEST]?: IncomingMessage };
  child[REQUEST] = raw;
  return child;
}

/** From now on every log line of the request carries its operation and role (never the user, never a CPR). */
export function labelRequestLog(raw: IncomingMessage, labels: Labels): void {
  (raw as Labelled)[LABELS] = labels;
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
