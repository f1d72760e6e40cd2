import type { Knex } from 'knex';

/**
 * SQL Server accepts at most 2,100 parameters per request (RPC call). A `where … in (…)` binds one
 * parameter per key, so key lists are cut into chunks of this size, leaving headroom for the few other
 * parameters a statement carries. PostgreSQL's limit (65,535) is far above it; one size keeps the two
 * engines issuing the same statements.
 */
export const MAX_KEYS_PER_STATEMENT = 2000;
export const MSSQL_MAX_PARAMETERS = 2100;

export const DEFAULT_JOB_BATCH_SIZE = 5000;
/** Upper bound for a job batch: a TOP/LIMIT this large still returns in well under a second on an index seek. */
export const MAX_JOB_BATCH_SIZE = 50_000;

export interface OekonomiConnectorOptions {
  /** The economy database (SQL Server in production, PostgreSQL or PGlite otherwise). Owned by the connector: close() destroys it. */
  db: Knex;
  /** Per-statement time limit; a statement over it fails as SOURCE_TIMEOUT. Default 30 s; 0 disables. */
  queryTimeoutMs?: number;
  /** Default number of postings per job batch. */
  jobBatchSize?: number;
}

export interface ResolvedOptions {
  db: Knex;
  queryTimeoutMs: number;
  jobBatchSize: number;
}

/** Validates options when the connector is created, so a bad value stops start-up, not the first request. */
export function resolveOptions(opts: OekonomiConnectorOptions): ResolvedOptions {
  if (!opts || typeof opts.db !== 'function') throw new TypeError('createOekonomiConnector: `db` must be a knex instance');
  const queryTimeoutMs = opts.queryTimeoutMs ?? 30_000;
  if (!Number.isInteger(queryTimeoutMs) || queryTimeoutMs < 0) throw new RangeError('createOekonomiConnector: `queryTimeoutMs` must be a non-negative integer');
  const jobBatchSize = opts.jobBatchSize ?? DEFAULT_JOB_BATCH_SIZE;
  checkBatchSize(jobBatchSize);
  return { db: opts.db, queryTimeoutMs, jobBatchSize };
}

export function checkBatchSize(n: number): void {
  if (!Number.isInteger(n) || n < 1 || n > MAX_JOB_BATCH_SIZE) {
    throw new RangeError(`oekonomi: batchSize must be an integer from 1 to ${MAX_JOB_BATCH_SIZE}`);
  }
}
