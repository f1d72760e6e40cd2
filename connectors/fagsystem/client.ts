import type { Knex } from 'knex';
import { SourceError } from '../shared/source-error';
import type { ResolvedOptions } from './config';
import { toSourceError } from './errors';

/**
 * The one place a fagsystem statement is executed: the statement time limit is applied and every failure
 * leaves as a SourceError (errors.ts). Query files build knex queries; they never await one themselves.
 */
export interface FagsystemClient {
  readonly db: Knex;
  run<T = unknown>(query: Knex.QueryBuilder | Knex.Raw): Promise<T>;
  /** Destroys the pool; statements issued afterwards fail as SOURCE_UNAVAILABLE. */
  close(): Promise<void>;
}

/** Enough to build and run a statement: what query files take (a QueryContext is one, too). */
export type Executor = Pick<FagsystemClient, 'db' | 'run'>;

export function createClient(opts: ResolvedOptions): FagsystemClient {
  const { db, queryTimeoutMs } = opts;
  // Cancelling a timed-out statement in the server needs a second connection: node-postgres can, PGlite
  // (one connection by design) cannot — there the statement finishes and only the caller stops waiting.
  const canCancel = (db.client as { config?: { client?: unknown } }).config?.client === 'pg';
  let closed = false;

  return {
    db,
    async run<T>(query: Knex.QueryBuilder | Knex.Raw): Promise<T> {
      if (closed) throw new SourceError({ source: 'fagsystem', code: 'SOURCE_UNAVAILABLE' });
      const q = queryTimeoutMs > 0 ? query.timeout(queryTimeoutMs, { cancel: canCancel }) : query;
      try {
        return (await q) as T;
      } catch (e) {
        throw toSourceError(e);
      }
    },
    async close() {
      closed = true;
      await db.destroy();
    },
  };
}
