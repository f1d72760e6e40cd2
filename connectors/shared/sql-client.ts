import type { Knex } from 'knex';
import { SourceError, type SourceName } from './source-error';
import { badRow, toSqlSourceError } from './sql-errors';

/**
 * The one place a SQL connector's statement is executed (fagsystem and economy system): the statement time
 * limit is applied, every failure leaves as a SourceError (sql-errors.ts), and rows are mapped inside the
 * guard so an unreadable row is the source's fault (SOURCE_BAD_RESPONSE), not a gateway crash. Query files
 * build knex queries; they never await one themselves.
 */
export interface SqlClient {
  readonly db: Knex;
  /** The statement's result as knex returns it (rows for a builder, the driver's result for db.raw). */
  run<T = unknown>(query: Knex.QueryBuilder | Knex.Raw): Promise<T>;
  /** The statement's rows on every engine (db.raw gives { rows } on PostgreSQL, an array on SQL Server), each mapped. */
  rows<R, T>(query: Knex.QueryBuilder | Knex.Raw, map: (row: R) => T): Promise<T[]>;
  /** Destroys the pool; statements issued afterwards fail as SOURCE_UNAVAILABLE (requests in flight at shutdown). */
  close(): Promise<void>;
}

export interface SqlClientOptions {
  source: SourceName;
  db: Knex;
  /** 0 = no limit */
  queryTimeoutMs: number;
}

export function createSqlClient({ source, db, queryTimeoutMs }: SqlClientOptions): SqlClient {
  // Cancelling a timed-out statement in the server needs a second connection: node-postgres can; PGlite (one
  // connection by design) and knex's mssql client cannot — there the caller stops waiting and the statement
  // finishes. On SQL Server, tedious's own `requestTimeout` (default 15 s) cancels in the server and surfaces
  // as ETIMEOUT → SOURCE_TIMEOUT; keep it at or below queryTimeoutMs.
  const canCancel = (db.client as { config?: { client?: unknown } }).config?.client === 'pg';
  let closed = false;

  async function run<T>(query: Knex.QueryBuilder | Knex.Raw): Promise<T> {
    if (closed) throw new SourceError({ source, code: 'SOURCE_UNAVAILABLE' });
    const q = queryTimeoutMs > 0 ? query.timeout(queryTimeoutMs, { cancel: canCancel }) : query;
    try {
      return (await q) as T;
    } catch (e) {
      throw toSqlSourceError(source, e);
    }
  }

  return {
    db,
    run,
    async rows<R, T>(query: Knex.QueryBuilder | Knex.Raw, map: (row: R) => T): Promise<T[]> {
      const result = await run<unknown>(query);
      const list = (Array.isArray(result) ? result : ((result as { rows?: R[] }).rows ?? [])) as R[];
      try {
        return list.map(map);
      } catch (e) {
        throw badRow(source, e);
      }
    },
    async close() {
      closed = true;
      await db.destroy();
    },
  };
}
