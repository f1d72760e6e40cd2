import type { Knex } from 'knex';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { poolUsage, type PoolUsage } from '../../connectors/shared/guard';
import type { SourcePolicy } from '../../connectors/shared/resilience-policy';
import type { Connectors } from '../context/connectors';

/**
 * The gateway's Prometheus metrics (prom-client), scraped at GET /metrics. One set per app, with its own
 * registry, made by the app builder (src/server/app) over the app's connectors and store: prom-client's default
 * registry is process-global, and two apps in one process (both engines in the tests) would share it.
 * Labels are bounded: operation names come from the guards (a document's own name, or "anonymous"),
 * sources and codes are fixed sets. No label ever carries a CPR, a user or a transaction id.
 */
export interface Metrics {
  /** what GET /metrics serves */
  readonly registry: Registry;
  /** GraphQL requests answered (src/observability/request-hooks) */
  readonly requests: Counter<'operation' | 'engine' | 'status'>;
  readonly requestDuration: Histogram<'operation' | 'engine'>;
  /** stops listening to the sources' policies and the store (the app closes; they may outlive it) */
  close(): void;
}

/** What one app's metrics read: its connectors (policies, pools) and its store (pool, access log, run log). */
export interface MetricsSubjects {
  connectors: Connectors;
  store: Knex;
}

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const BREAKER_VALUE = { closed: 0, 'half-open': 1, open: 2 } as const;

export function createMetrics({ connectors, store }: MetricsSubjects): Metrics {
  const registry = new Registry();
  // process metrics, including nodejs_eventloop_lag_seconds (and its percentiles)
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
  const stops: Array<() => void> = [];

  const requests = new Counter({
    name: 'gateway_graphql_requests_total',
    help: 'GraphQL requests answered, by operation name, engine and HTTP status class',
    labelNames: ['operation', 'engine', 'status'] as const,
    registers: [registry],
  });
  const requestDuration = new Histogram({
    name: 'gateway_graphql_request_duration_seconds',
    help: 'GraphQL request duration, by operation name and engine',
    labelNames: ['operation', 'engine'] as const,
    buckets: SECONDS,
    registers: [registry],
  });

  observeSources(
    registry,
    Object.values(connectors).map((c) => c.policy),
    stops,
  );
  observePools(registry, [
    ['fagsystem', () => connectors.fagsystem.poolUsage()],
    ['oekonomi', () => connectors.oekonomi.poolUsage()],
    ['gateway-store', () => poolUsage(store)],
  ]);
  observeAccessLogWrites(registry, store, stops);
  observeReconciliation(registry, store);

  return {
    registry,
    requests,
    requestDuration,
    close() {
      for (const stop of stops.splice(0)) stop();
    },
  };
}

/** Latency and errors from each policy's events; breaker state and bulkhead use read at scrape time. */
function observeSources(registry: Registry, policies: SourcePolicy[], stops: Array<() => void>): void {
  const sourceLatency = new Histogram({
    name: 'gateway_source_call_duration_seconds',
    help: 'Duration of one call (attempt) to a source system',
    labelNames: ['source'] as const,
    buckets: SECONDS,
    registers: [registry],
  });
  const sourceErrors = new Counter({
    name: 'gateway_source_errors_total',
    help: 'Calls to a source that failed for their caller (after retries), by error code',
    labelNames: ['source', 'code'] as const,
    registers: [registry],
  });
  for (const p of policies) {
    // the source's own series, looked up once: observe({ source }) validates and hashes the labels on every call
    const latency = sourceLatency.labels({ source: p.source });
    stops.push(
      p.observe({
        attempted: (_source, ms) => latency.observe(ms / 1000),
        failed: (source, code) => sourceErrors.inc({ source, code }),
      }),
    );
  }
  new Gauge({
    name: 'gateway_source_breaker_state',
    help: 'Circuit breaker per source: 0 closed, 1 half-open (probing), 2 open',
    labelNames: ['source'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const p of policies) this.set({ source: p.source }, BREAKER_VALUE[p.health().breaker]);
    },
  });
  new Gauge({
    name: 'gateway_source_bulkhead_calls',
    help: 'Calls per source running (active) and waiting for a slot (queued), with the configured limits',
    labelNames: ['source', 'state'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const p of policies) {
        const h = p.health();
        this.inc({ source: p.source, state: 'active' }, h.active);
        this.inc({ source: p.source, state: 'queued' }, h.queued);
        this.inc({ source: p.source, state: 'limit' }, h.concurrency);
        this.inc({ source: p.source, state: 'queue_limit' }, h.queue);
      }
    },
  });
}

/** The knex pools (fagsystem, oekonomi, store), read at scrape time. */
function observePools(registry: Registry, pools: Array<[string, () => PoolUsage | null]>): void {
  new Gauge({
    name: 'gateway_db_pool_connections',
    help: 'Database pool connections per pool: used, free, pending acquires, max',
    labelNames: ['pool', 'state'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const [pool, usage] of pools) {
        const u = usage();
        if (!u) continue;
        for (const state of ['used', 'free', 'pending', 'max'] as const) this.set({ pool, state }, u[state]);
      }
    },
  });
}

/** Times the access-log INSERTs from the store's knex query events (the writer itself stays untouched). */
function observeAccessLogWrites(registry: Registry, store: Knex, stops: Array<() => void>): void {
  const accessLogWrite = new Histogram({
    name: 'gateway_access_log_write_duration_seconds',
    help: 'Duration of one write to the access log (adgangslog), which every citizen read waits for',
    buckets: SECONDS,
    registers: [registry],
  });
  const started = new Map<string, number>();
  const query = (q: { sql?: string; __knexQueryUid?: string }) => {
    if (q.__knexQueryUid && q.sql && /^insert into "adgangslog"/i.test(q.sql)) started.set(q.__knexQueryUid, performance.now());
  };
  const done = (_r: unknown, q: { __knexQueryUid?: string }) => {
    const t0 = q?.__knexQueryUid ? started.get(q.__knexQueryUid) : undefined;
    if (t0 === undefined) return;
    started.delete(q.__knexQueryUid!);
    accessLogWrite.observe((performance.now() - t0) / 1000);
  };
  const failed = (_e: unknown, q: { __knexQueryUid?: string }) => done(undefined, q);
  store.on('query', query);
  store.on('query-response', done);
  store.on('query-error', failed);
  stops.push(() => {
    store.off('query', query);
    store.off('query-response', done);
    store.off('query-error', failed);
  });
}

/** The reconciliation metrics, read at scrape time from the store's run log (afstemning_koersel: every replica's runs). */
function observeReconciliation(registry: Registry, store: Knex): void {
  new Gauge({
    name: 'gateway_reconciliation_runs',
    help: "Reconciliation runs in the store's run log, by type and status (all replicas)",
    labelNames: ['type', 'status'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await store('afstemning_koersel')
        .select('type', 'status')
        .count({ n: '*' })
        .groupBy('type', 'status')
        .catch(() => []);
      for (const r of rows as Array<{ type: string; status: string; n: number | string }>) this.set({ type: r.type, status: r.status }, Number(r.n));
    },
  });
  new Gauge({
    name: 'gateway_reconciliation_last_duration_seconds',
    help: 'Duration of the latest finished reconciliation run, by type',
    labelNames: ['type'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const type of ['FULD', 'INKREMENTEL']) {
        const r = await store('afstemning_koersel')
          .where({ type })
          .whereNotNull('varighed_ms')
          .orderBy('koersel_id', 'desc')
          .first('varighed_ms')
          .catch(() => undefined);
        if (r) this.set({ type }, Number(r.varighed_ms) / 1000);
      }
    },
  });
  new Gauge({
    name: 'gateway_reconciliation_last_matched',
    help: 'Postings and matches of the latest successful reconciliation run',
    labelNames: ['count'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const r = await store('afstemning_koersel')
        .where({ status: 'OK' })
        .orderBy('koersel_id', 'desc')
        .first('antal_posteringer', 'antal_matchet')
        .catch(() => undefined);
      if (r) {
        this.set({ count: 'posteringer' }, Number(r.antal_posteringer));
        this.set({ count: 'matchet' }, Number(r.antal_matchet));
      }
    },
  });
}
