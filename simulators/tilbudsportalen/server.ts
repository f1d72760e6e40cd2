import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { TilbudRecord } from '../model/tilbudsportalen';
import { adminRoutes } from './admin';
import type { BasicCredentials } from './auth';
import { ApiError, sendError } from './errors';
import { addResponseLog, loggerOptions } from './request-log';
import { apiRoutes } from './routes';
import { RequestCounter } from './stats';
import { TilbudStore } from './store';

export interface TilbudsportalenServerOptions {
  tilbud: TilbudRecord[];
  credentials: BasicCredentials;
  /** Off by default; when on, only method, path and status are logged. */
  logger?: boolean;
}

export interface StartOptions extends TilbudsportalenServerOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 (any free port). */
  port?: number;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** Builds the app without listening, so tests may also use `app.inject`. Fails fast on bad options. */
export function buildTilbudsportalenServer(opts: TilbudsportalenServerOptions): FastifyInstance {
  if (!opts.credentials?.username || !opts.credentials.password) {
    throw new Error('buildTilbudsportalenServer: credentials.username and credentials.password must be non-empty');
  }
  const store = new TilbudStore(opts.tilbud);
  const counter = new RequestCounter();
  const app = Fastify(loggerOptions(opts.logger));
  addResponseLog(app, opts.logger);

  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof ApiError) return sendError(reply, err);
    const status = err.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return sendError(reply, new ApiError(status === 404 ? 'NOT_FOUND' : 'BAD_REQUEST', err.message));
    }
    request.log.error({ code: err.code }, 'unexpected error');
    return sendError(reply, new ApiError('INTERNAL', 'internal error in the Tilbudsportalen stand-in'));
  });
  app.setNotFoundHandler((request, reply) => sendError(reply, new ApiError('NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`)));

  app.register(adminRoutes, { counter });
  app.register(apiRoutes, { prefix: '/api', store, credentials: opts.credentials, counter });
  return app;
}

/** Builds and listens; `url` has no trailing slash. */
export async function startTilbudsportalen(opts: StartOptions): Promise<RunningServer> {
  const app = buildTilbudsportalenServer(opts);
  const host = opts.host ?? '127.0.0.1';
  await app.listen({ host, port: opts.port ?? 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('Tilbudsportalen stand-in did not bind a TCP port');
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return { url: `http://${urlHost}:${address.port}`, close: () => app.close() };
}
