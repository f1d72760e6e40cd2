import Fastify, { type FastifyInstance } from 'fastify';
import cors from '@fastify/cors';
import type { Connectors } from '../context/connectors';
import { createContextFactory } from '../context/context';
import { buildSchema } from '../graphql/schema';
import { fagsystemColumnsFor } from '../graphql/fagsystem-columns';
import { createReconciledReads } from '../reconcile/read/reconciled-reads';
import type { GatewayStore } from '../store';
import type { PrecedencePolicy } from '../domain/provenance-policy';
import type { ReconcileTrigger } from '../reconcile/read/types';
import { applyAccessPolicy } from '../access/field-policy';
import { Safelist } from '../access/safelist';
import type { Verifier } from '../access/auth/verifier';
import type { Pseudonymizer } from '../access/pseudonym';
import type { RateLimiter } from '../access/limits/rate-limiter';
import { bindLogToOperation, registerRequestObservability } from '../observability/request-hooks';
import { registerObservabilityRoutes } from '../observability/routes';
import { createMetrics } from '../observability/metrics';
import { analyticsSetup } from '../analytics/setup';
import { accessLogEmployees } from '../access/access-log/employees';
import { mercuriusEngine } from './engines/mercurius';
import { apolloEngine } from './engines/apollo';
import { registerGraphiql } from './graphiql';
import { transactionIdOf, TRANSACTION_HEADER } from './transaction-id';
import { registerHealthRoutes } from './health';
import { registerGuards } from './guards';
import { loggerOptions, logController, registerRequestLog, requestLogger } from './logging';
import { registerExportRoutes } from './export-routes';

export interface AppOptions {
  connectors: Connectors;
  store: GatewayStore;
  engine: 'mercurius' | 'apollo';
  production: boolean;
  /** log level, or false for no logging; personal data never reaches the log (src/server/logging) */
  logger?: false | { level: string; stream?: { write(msg: string): void } };
  clock?: () => Date;
  access: { verify: Verifier; pseudonymizer: Pseudonymizer; rateLimiter: RateLimiter };
  safelistMode?: boolean;
  /** browser origins allowed by CORS (none by default) */
  corsOrigins?: string[];
  /** small-cell suppression threshold for pseudonym roles (default 5) */
  analyseGraense?: number;
  /** rows per database fetch of an export (default 2000) */
  exportBatchSize?: number;
  /** which source wins per attribute (config AFSTEMNING_PRAECEDENS; default DEFAULT_POLICY) */
  precedencePolicy?: PrecedencePolicy;
  /** the on-demand trigger of the reconciliation job in this process (`koerAfstemning`), if one runs here */
  reconcileTrigger?: () => ReconcileTrigger | null;
}

/** Builds the gateway (fastify's build/listen split: tests use `inject` or listen on port 0). */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(opts.logger ? opts.logger.level : false, opts.logger ? opts.logger.stream : undefined),
    logController: logController(),
    childLoggerFactory: requestLogger,
    genReqId: transactionIdOf,
    bodyLimit: 1_048_576,
    // a request already sent on an open connection when SIGTERM comes is served, not answered 503: the drain
    // (src/server/shutdown) stops new connections and /readyz reports draining so the balancer stops sending
    return503OnClosing: false,
  });
  registerRequestLog(app);
  // set as the request arrives (a plain callback hook, no promise): every reply, errors included, carries it
  app.addHook('onRequest', (request, reply, done) => {
    reply.header(TRANSACTION_HEADER, request.id);
    done();
  });
  // the app's own metrics over its connectors and store; it stops listening to them when the app closes
  const metrics = createMetrics({ connectors: opts.connectors, store: opts.store.db });
  app.addHook('onClose', (_app, done) => {
    metrics.close();
    done();
  });
  registerRequestObservability(app, opts.engine, metrics);
  // the employee rows of the access log this app has written (shared by the per-citizen and the aggregate log)
  const employees = accessLogEmployees(opts.store.db);
  const analytics = analyticsSetup(opts.connectors, opts.store.db, employees, opts.analyseGraense);
  const schema = applyAccessPolicy(buildSchema());
  const buildContext = createContextFactory({
    connectors: opts.connectors,
    reconciled: createReconciledReads(opts.store.db, { trigger: opts.reconcileTrigger, policy: opts.precedencePolicy }),
    clock: opts.clock,
    storeDb: opts.store.db,
    rateLimiter: opts.access.rateLimiter,
    pseudonymizer: opts.access.pseudonymizer,
    employees,
    analytics,
    fagsystemColumns: fagsystemColumnsFor(schema),
  });
  // a browser front-end on another origin: only the configured origins, only what a GraphQL call needs; no cookies
  if (opts.corsOrigins?.length) {
    await app.register(cors, {
      origin: opts.corsOrigins,
      methods: ['GET', 'POST'],
      allowedHeaders: ['authorization', 'content-type', 'accept', 'x-formaal', 'x-aktiv-rolle', 'x-graphql-csrf', 'x-transaction-id'],
      exposedHeaders: [TRANSACTION_HEADER],
      credentials: false,
      maxAge: 600,
    });
  }
  registerGuards(app, { schema, verify: opts.access.verify, safelist: new Safelist(), safelistMode: opts.safelistMode ?? false, production: opts.production });
  bindLogToOperation(app);
  await (opts.engine === 'apollo' ? apolloEngine : mercuriusEngine)(app, { schema, buildContext, production: opts.production });
  if (!opts.production) registerGraphiql(app);
  registerHealthRoutes(app, opts.connectors, opts.store.db);
  registerObservabilityRoutes(app, opts.connectors, metrics.registry);
  registerExportRoutes(app, {
    verify: opts.access.verify,
    setup: analytics,
    pseudonymizer: opts.access.pseudonymizer,
    rateLimiter: opts.access.rateLimiter,
    clock: opts.clock,
    batchSize: opts.exportBatchSize,
  });
  return app;
}
