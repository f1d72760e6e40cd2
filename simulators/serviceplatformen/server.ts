import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { CprPersonRecord, CvrVirksomhedRecord } from '../model/serviceplatformen';
import { adminRoutes } from './admin';
import { CallCounter } from './calls';
import { SoapFault } from './faults';
import { Latency } from './latency';
import { CprRegister, CvrRegister } from './registers';
import { addResponseLog, loggerOptions } from './request-log';
import { sendFault, soapRoutes } from './routes';

export interface ServiceplatformenServerOptions {
  personer: CprPersonRecord[];
  virksomheder: CvrVirksomhedRecord[];
  /** Artificial delay before answering each SOAP call, 0..60000 ms; change at run time with PUT /admin/latency. */
  latencyMs?: number;
  /** Off by default; when on, only method, path and status are logged (never a CPR, name or address). */
  logger?: boolean;
}

export interface StartOptions extends ServiceplatformenServerOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 (any free port). */
  port?: number;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** Builds the app without listening, so tests may also use `app.inject`. Fails fast on bad options or data. */
export function buildServiceplatformenServer(opts: ServiceplatformenServerOptions): FastifyInstance {
  const personer = new CprRegister(opts.personer);
  const virksomheder = new CvrRegister(opts.virksomheder);
  const latency = new Latency(opts.latencyMs ?? 0);
  const counter = new CallCounter();

  const app = Fastify(loggerOptions(opts.logger));
  addResponseLog(app, opts.logger);

  app.setErrorHandler((err: FastifyError, request, reply) => {
    const status = err.statusCode ?? 500;
    if (status >= 400 && status < 500) return reply.code(status).send({ error: 'BAD_REQUEST', message: err.message });
    request.log.error({ code: err.code }, 'unexpected error');
    return reply.code(500).send({ error: 'INTERNAL', message: 'internal error in the Serviceplatformen stand-in' });
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!;
    // not a call to a billed service, so not counted
    if (path.startsWith('/service/')) return sendFault(reply, new SoapFault('UNKNOWN_SERVICE'));
    return reply.code(404).send({ error: 'NOT_FOUND', message: `no route ${request.method} ${path}` });
  });

  app.register(adminRoutes, { counter, latency });
  app.register(soapRoutes, { personer, virksomheder, counter, latency });
  return app;
}

/** Builds and listens; `url` has no trailing slash. */
export async function startServiceplatformen(opts: StartOptions): Promise<RunningServer> {
  const app = buildServiceplatformenServer(opts);
  await app.listen({ host: opts.host ?? '127.0.0.1', port: opts.port ?? 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('Serviceplatformen stand-in did not bind a TCP port');
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return { url: `http://${urlHost}:${address.port}`, close: () => app.close() };
}
