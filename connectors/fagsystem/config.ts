import type { Knex } from 'knex';

export interface FagsystemConnectorOptions {
  /** The fagsystem's database (PostgreSQL or embedded PGlite). The connector owns it: close() destroys it. */
  db: Knex;
  /** "Now", injected so tests fix the day målgruppe memberships and current bestillinger are judged on. */
  clock?: () => Date;
  /** Per-statement time limit; a statement over it fails as SOURCE_TIMEOUT. Default 30 s; 0 disables. */
  queryTimeoutMs?: number;
}

export interface ResolvedOptions {
  db: Knex;
  clock: () => Date;
  queryTimeoutMs: number;
}

/** Validates options when the connector is created, so a bad value stops start-up, not the first request. */
export function resolveOptions(opts: FagsystemConnectorOptions): ResolvedOptions {
  if (!opts || typeof opts.db !== 'function') throw new TypeError('createFagsystemConnector: `db` must be a knex instance');
  if (opts.clock !== undefined && typeof opts.clock !== 'function')
    throw new TypeError('createFagsystemConnector: `clock` must be a function returning a Date');
  const queryTimeoutMs = opts.queryTimeoutMs ?? 30_000;
  if (!Number.isInteger(queryTimeoutMs) || queryTimeoutMs < 0)
    throw new RangeError('createFagsystemConnector: `queryTimeoutMs` must be a non-negative integer');
  return { db: opts.db, clock: opts.clock ?? (() => new Date()), queryTimeoutMs };
}
