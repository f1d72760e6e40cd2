// first: tracing (when on) must be in place before fastify, graphql, pg and ioredis load
import '../observability/tracing-preload';
import { loadConfig, ConfigError } from '../config';
import { openStore } from '../store';
import { describeTarget } from '../db/open';
import { isSourceError } from '../../connectors/shared/source-error';
import { setupAccess } from '../access/setup';
import { startReconciliation, type ReconcileScheduler } from '../reconcile/job/scheduler';
import { startReconcileQueue } from '../reconcile/job/queue/queue';
import { startEmbeddedSources } from './embedded-municipality';
import { createConnectors, closeConnectors } from './create-connectors';
import { preflight } from './preflight';
import { buildApp } from './app';
import { demoTokenLines } from './demo-tokens';
import { installShutdown } from './shutdown';
import { assertPortsFree } from './port-check';
import { lockStore } from './store-lock';
import { progressPrinter } from './progress';

/**
 * `npm start`: with nothing configured, brings up the synthetic municipality (embedded databases and both
 * stand-ins) and the gateway on it. Any failure before listening ends in ONE line on stderr and exit 1.
 */
async function main(): Promise<void> {
  const t0 = Date.now();
  const base = loadConfig();
  // cheap refusals first: a taken port or a store another gateway holds is reported before the slow work
  await assertPortsFree([
    { variable: 'PORT', host: base.host, port: base.port, what: 'the gateway' },
    ...(base.tilbudsportalen
      ? []
      : [{ variable: 'TILBUDSPORTALEN_STANDIN_PORT', host: '127.0.0.1', port: base.simulator.tilbudsportalenPort, what: 'the Tilbudsportalen stand-in' }]),
    ...(base.serviceplatformen
      ? []
      : [
          { variable: 'SERVICEPLATFORMEN_STANDIN_PORT', host: '127.0.0.1', port: base.simulator.serviceplatformenPort, what: 'the Serviceplatformen stand-in' },
        ]),
  ]);
  if (base.store.kind === 'pglite' && base.store.dataDir) lockStore(base.store.dataDir);
  const progress = progressPrinter();
  const embedded = await startEmbeddedSources(base, progress);
  const config = embedded.config;
  const connectors = createConnectors(config, embedded);
  let degraded: Awaited<ReturnType<typeof preflight>>;
  try {
    degraded = await preflight(connectors, config);
  } catch (e) {
    await closeConnectors(connectors);
    await embedded.close();
    throw e;
  }
  const store = await openStore(config.store).catch((e) => {
    throw isSourceError(e)
      ? new ConfigError(base.store.kind === 'postgres' ? 'GATEWAY_STORE_URL' : 'GATEWAY_STORE_DIR', `the gateway's store: ${e.message}`)
      : e;
  });
  const access = await setupAccess(config);
  // the job starts after listening; the API's `koerAfstemning` reaches it through this late-bound trigger
  let reconciliation: ReconcileScheduler | null = null;
  const app = await buildApp({
    connectors,
    store,
    access,
    engine: config.engine,
    production: config.production,
    safelistMode: config.safelistMode,
    corsOrigins: config.corsOrigins,
    logger: { level: config.logLevel },
    precedencePolicy: config.precedencePolicy,
    reconcileTrigger: () => reconciliation?.trigger ?? null,
  });
  access.attachLog(app.log);
  for (const d of degraded) app.log.warn({ source: d.source, variable: d.variable }, `starting degraded: ${d.source}: ${d.reason}`);
  await app.listen({ port: config.port, host: config.host });
  // matching over the whole municipality runs as a job into the store, never per request: once now (in the
  // background — the API answers meanwhile and reports the freshness), then on a schedule; one replica at a time
  const jobOptions = {
    db: store.db,
    connectors,
    policy: config.precedencePolicy,
    faktureringsforsinkelseDage: config.faktureringsforsinkelseDage,
    log: app.log,
  };
  // on a PostgreSQL store a full run is partitioned over a queue every replica works (pg-boss); PGlite runs it here
  const queue =
    config.store.kind === 'postgres'
      ? await startReconcileQueue(jobOptions, { url: config.store.url, log: app.log, batchesPerPartition: config.partitionBatches })
      : undefined;
  const scheduler = startReconciliation({ ...jobOptions, queue, intervalMinutes: config.reconcileIntervalMinutes, holdSources: config.holdSources });
  reconciliation = scheduler;
  const firstRun = scheduler.current();
  if (firstRun) {
    const t1 = Date.now();
    firstRun.then(
      (r) => process.stdout.write(`✓ first reconciliation: ${(r as { status?: string }).status ?? 'done'}, ${((Date.now() - t1) / 1000).toFixed(1)} s\n`),
      () => process.stdout.write(`✗ first reconciliation failed after ${((Date.now() - t1) / 1000).toFixed(1)} s (see the log; query afstemningsstatus)\n`),
    );
  }
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`;
  const lines = [
    '',
    `Gateway (${config.engine}) ready in ${Date.now() - t0} ms`,
    `  GraphQL:  POST ${url}/graphql`,
    ...(config.production ? [] : [`  GraphiQL: ${url}/graphiql`]),
    `  Health:   ${url}/healthz   Ready: ${url}/readyz`,
    `Sources:`,
    ...embedded.summary.map((s) => `  ${s}`),
    ...(config.fagsystem ? [`  fagsystem:         ${describeTarget(config.fagsystem)}`] : []),
    ...(config.oekonomi ? [`  economy system:    ${describeTarget(config.oekonomi)}`] : []),
    `  gateway store:     ${describeTarget(config.store)}`,
    ...degraded.map((d) => `  DEGRADED: ${d.source}: ${d.reason} (${d.variable}); its fields are null with an error until it answers`),
    `  Metrics:  ${url}/metrics   Sources: ${url}/healthz/sources`,
    `Reconciliation: first run going on in the background (a line follows when it ends), then every ${config.reconcileIntervalMinutes || '–'} min (query afstemningsstatus)`,
    ...(access.devKey ? ['', ...(await demoTokenLines(access.devKey, connectors))] : []),
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');

  installShutdown({
    app,
    graceMs: config.shutdownGraceMs,
    // the scheduler stops planning runs; a run in progress is asked to abort when the job offers it
    stopJobs: async () => {
      (scheduler as { abort?: () => void }).abort?.();
      await scheduler.stop();
      await queue?.stop();
    },
    release: async () => {
      const step = async (name: string, f: () => Promise<unknown>) => {
        const t = Date.now();
        await f().catch(() => undefined);
        app.log.debug({ ms: Date.now() - t }, `released ${name}`);
      };
      await step('connectors', () => closeConnectors(connectors));
      await step('store', () => store.close());
      await step('embedded sources', () => embedded.close());
      await step('redis', () => access.close());
    },
  });
}

main().catch((e: unknown) => {
  // one line, no stack trace: the variable to fix, or what failed
  const line = e instanceof ConfigError ? `configuration error: ${e.message}` : `start-up failed: ${e instanceof Error ? e.message : String(e)}`;
  process.stderr.write(line + '\n');
  process.exit(1);
});
