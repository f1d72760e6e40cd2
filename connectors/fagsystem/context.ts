import type { Knex } from 'knex';
import type { AccessScope } from '../../src/access/scope';
import type { FagsystemClient } from './client';
import type { ColumnOmissions } from './projection';

/** What every per-request query needs: the pool, the caller's scope, and "today" from the injected clock. */
export interface QueryContext {
  db: Knex;
  /** executes a built statement (time limit, SourceError) */
  run: FagsystemClient['run'];
  scope: AccessScope;
  /** ISO date of the injected clock (UTC calendar day, as the request context's `today()`) */
  today: string;
  /** columns this request's loaders may leave out (projection.ts); absent: every column */
  omit?: ColumnOmissions;
}

/** The clock's calendar day, the same way the request context computes `today()`. */
export function isoDay(clock: () => Date): string {
  return clock().toISOString().slice(0, 10);
}
