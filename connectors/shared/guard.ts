import type { Knex } from 'knex';
import { createSourcePolicy, type ResilienceSettings, type SourcePolicy } from './resilience-policy';
import type { SourceName } from './source-error';

/**
 * How each connector factory applies the shared resilience policy: the factory wraps its client's call
 * methods with `guard`, so every statement or HTTP call of that source — request loaders, the
 * reconciliation job's reads and the health ping — goes through one policy.
 */
export interface PolicyOption {
  /** the source's resilience policy; a default one (DEFAULT_RESILIENCE) when absent */
  policy?: SourcePolicy;
}

/**
 * What every connector shows of its policy: /healthz/sources and the metrics read breaker state and bulkhead
 * use from the connectors handed to them, and the metrics listen to its calls.
 */
export interface GuardedSource {
  readonly policy: SourcePolicy;
}

/** An SQL connector's pool, for the metrics. */
export interface PooledSource {
  /** knex's pool use now (null: no pool to report, e.g. embedded PGlite without tarn) */
  poolUsage(): PoolUsage | null;
}

/**
 * For SQL calls, whose own statement timeout cancels in the server; an HTTP source passes the policy's signal
 * to its call instead (Tilbudsportalen, Serviceplatformen), so a call given up on frees its slot at once.
 */
export function guard<A extends unknown[], R>(policy: SourcePolicy, fn: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return (...args: A) => policy.execute(() => fn(...args));
}

/** Size of a knex pool (PGlite: one connection); the bulkhead of an SQL source matches it. */
export function poolMaxOf(db: Knex): number {
  const cfg = (db.client as { config?: { pool?: { max?: number }; client?: unknown } }).config;
  if (cfg?.client !== 'pg' && cfg?.client !== 'mssql') return 1;
  return cfg?.pool?.max ?? 10;
}

/**
 * The default policy of an SQL source: as many calls in flight as the pool has connections. The whole call
 * may take the statement limit plus a margin, so the driver's own timeout — which cancels the statement in
 * the server — fires first and nothing keeps running there after the caller gave up.
 */
export function sqlPolicy(source: SourceName, db: Knex, statementTimeoutMs: number, overrides: Partial<ResilienceSettings> = {}): SourcePolicy {
  return createSourcePolicy(source, {
    timeoutMs: (statementTimeoutMs > 0 ? statementTimeoutMs : 30_000) + SQL_CANCEL_MARGIN_MS,
    concurrency: poolMaxOf(db),
    ...overrides,
  });
}
const SQL_CANCEL_MARGIN_MS = 2_000;

export interface PoolUsage {
  used: number;
  free: number;
  pending: number;
  max: number;
}

/** knex's pool (tarn) use, for metrics. */
export function poolUsage(db: Knex): PoolUsage | null {
  const pool = (db.client as { pool?: { numUsed(): number; numFree(): number; numPendingAcquires(): number; max: number } }).pool;
  if (!pool || typeof pool.numUsed !== 'function') return null;
  return { used: pool.numUsed(), free: pool.numFree(), pending: pool.numPendingAcquires(), max: pool.max };
}
