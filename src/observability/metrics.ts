import type { Knex } from 'knex';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { observeSources } from '../../connectors/shared/resilience-events';
import { livePolicies } from '../../connectors/shared/resilience-registry';
import { poolUsage } from '../../connectors/shared/guard';

/**
 * The gateway's Prometheus metrics (prom-client), one registry per process, scraped at GET /metrics.
 * Labels are bounded: operation names come from the guards (a document's own name, or "anonymous"),
 * sources and codes are fixed sets. No label ever carries a CPR, a user or a transaction id.
 */
export const registry = new Registry();
// process metrics, including nodejs_eventloop_lag_seconds (and its percentiles)
collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export const requests = new Counter({
  name: 'gateway_graphql_requests_total',
  help: 'GraphQL requests answered, by operation name, engine and HTTP status class',
  labelNames: ['operation', 'engine', 'status'] as const,
  registers: [registry],
});
export const requestDuration = new Histogram({
  name: 'gateway_graphql_request_duration_seconds',
  help: 'GraphQL request duration, by operation name and engine',
  labelNames: ['operation', 'engine'] as const,
  buckets: SECONDS,
  registers: [registry],
});
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
const BREAKER_VALUE = { closed: 0, 'half-open': 1, open: 2 } as const;
new Gauge({
  name: 'gateway_source_breaker_state',
  help: 'Circuit breaker per source: 0 closed, 1 half-open (probing), 2 open',
  labelNames: ['source'] as const,
  registers: [registry],
  collect() {
    this.reset();
    for (const p of livePolicies()) this.set({ source: p.source }, BREAKER_VALUE[p.health().breaker]);
  },
});
new Gauge({
  name: 'gateway_source_bulkhead_calls',
  help: 'Calls per source running (active) and waiting for a slot (queued), with the configured limits',
  labelNames: ['source', 'state'] as const,
  registers: [registry],
  collect() {
    this.reset();
    for (const p of livePolicies()) {
      const h = p.health();
      this.inc({ source: p.source, state: 'active' }, h.active);
      this.inc({ source: p.source, state: 'queued' }, h.queued);
      this.inc({ source: p.source, state: 'limit' }, h.concurrency);
      this.inc({ source: p.source, state: 'queue_limit' }, h.queue);
    }
  },
});

const pools = new Map<string, Knex>();
/** A knex pool to report (fagsystem, oekonomi, store); the latest one registered under a name wins. */
export function observePool(name: string, db: Knex): void {
  pools.set(name, db);
}
new Gauge({
  name: 'gateway_db_pool_connections',
  help: 'Database pool connections per pool: used, free, pending acquires, max',
  labelNames: ['pool', 'state'] as const,
  registers: [registry],
  collect() {
    this.reset();
    for (const [pool, db] of pools) {
      const u = poolUsage(db);
      if (!u) continue;
      for (const state of ['used', 'free', 'pending', 'max'] as const) this.set({ pool, state }, u[state]);
    }
  },
});

export const accessLogWrite = new Histogram({
  name: 'gateway_access_log_write_duration_seconds',
  help: 'Duration of one write to the access log (adgangslog), which every citizen read waits for',
  buckets: SECONDS,
  registers: [registry],
});

/** Times the access-log INSERTs from the store's knex query events (the writer itself stays untouched). */
export function observeAccessLogWrites(store: Knex): void {
  const started = new Map<string, number>();
  store.on('query', (q: { sql?: string; __knexQueryUid?: string }) => {
    if (q.__knexQueryUid && q.sql && /^insert into "adgangslog"/i.test(q.sql)) started.set(q.__knexQueryUid, performance.now());
  });
  const done = (_r: unknown, q: { __knexQueryUid?: string }) => {
    const t0 = q?.__knexQueryUid ? started.get(q.__knexQueryUid) : undefined;
    if (t0 === undefined) return;
    started.delete(q.__knexQueryUid!);
    accessLogWrite.observe((performance.now() - t0) / 1000);
  };
  store.on('query-response', done);
  store.on('query-error', (_e: unknown, q: { __knexQueryUid?: string }) => done(undefined, q));
}

let reconciliationStore: Knex | undefined;
/** The store whose run log (afstemning_koersel) the reconciliation metrics read at scrape time (every replica's runs). */
export function observeReconciliation(store: Knex): void {
  reconciliationStore = store;
}
new Gauge({
  name: 'gateway_reconciliation_runs',
  help: "Reconciliation runs in the store's run log, by type and status (all replicas)",
  labelNames: ['type', 'status'] as const,
  registers: [registry],
  async collect() {
    this.reset();
    if (!reconciliationStore) return;
    const rows = await reconciliationStore('afstemning_koersel')
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
    if (!reconciliationStore) return;
    for (const type of ['FULD', 'INKREMENTEL']) {
      const r = await reconciliationStore('afstemning_koersel')
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
    if (!reconciliationStore) return;
    const r = await reconciliationStore('afstemning_koersel')
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

observeSources({
  attempted: (source, ms) => sourceLatency.observe({ source }, ms / 1000),
  failed: (source, code) => sourceErrors.inc({ source, code }),
});
