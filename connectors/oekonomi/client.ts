import type { Knex } from 'knex';
import { MAX_KEYS_PER_STATEMENT, type ResolvedOptions } from './config';
import { SourceError } from '../shared/source-error';
import { badResponse, toOekonomiError } from './errors';
import type { Row } from './mapping';

/**
 * Runs the builders from queries.ts: applies the statement time limit, turns every failure into a
 * SourceError at this one place, and maps rows inside the guard so an unreadable row is reported as the
 * source's fault (SOURCE_BAD_RESPONSE), not as a gateway crash.
 */
export interface OekonomiClient {
  readonly db: Knex;
  run<T>(query: Knex.QueryBuilder | Knex.Raw, map: (row: Row) => T): Promise<T[]>;
  /** Runs one statement per chunk of at most MAX_KEYS_PER_STATEMENT keys, sequentially, and concatenates. */
  runChunked<K, T>(keys: readonly K[], build: (chunk: readonly K[]) => Knex.QueryBuilder, map: (row: Row) => T): Promise<T[]>;
  /** Destroys the pool; later statements fail as SOURCE_UNAVAILABLE (requests still in flight at shutdown). */
  close(): Promise<void>;
}

export function createClient(opts: ResolvedOptions): OekonomiClient {
  const { db, queryTimeoutMs } = opts;
  // Cancelling a timed-out statement needs a second connection; only node-postgres supports it here
  // (PGlite has one connection, and knex's mssql client has no cancelQuery). On SQL Server, tedious's
  // own `requestTimeout` connection option (default 15 s) cancels the request in the server and
  // surfaces as ETIMEOUT → SOURCE_TIMEOUT; keep it at or below queryTimeoutMs.
  const canCancel = (db.client as { config?: { client?: unknown } }).config?.client === 'pg';

  let closed = false;

  async function rows(query: Knex.QueryBuilder | Knex.Raw): Promise<Row[]> {
    if (closed) throw new SourceError({ source: 'oekonomi', code: 'SOURCE_UNAVAILABLE' });
    const q = queryTimeoutMs > 0 ? query.timeout(queryTimeoutMs, { cancel: canCancel }) : query;
    let result: unknown;
    try {
      result = await q;
    } catch (e) {
      throw toOekonomiError(e);
    }
    // db.raw returns the driver's result object on PostgreSQL ({ rows }) and the row array on SQL Server
    if (Array.isArray(result)) return result as Row[];
    return ((result as { rows?: Row[] }).rows ?? []) as Row[];
  }

  function mapAll<T>(list: Row[], map: (row: Row) => T): T[] {
    try {
      return list.map(map);
    } catch (e) {
      throw badResponse(e);
    }
  }

  return {
    db,
    async run(query, map) {
      return mapAll(await rows(query), map);
    },
    async runChunked(keys, build, map) {
      const out: ReturnType<typeof map>[] = [];
      for (let i = 0; i < keys.length; i += MAX_KEYS_PER_STATEMENT) {
        const part = mapAll(await rows(build(keys.slice(i, i + MAX_KEYS_PER_STATEMENT))), map);
        for (const r of part) out.push(r);
      }
      return out;
    },
    async close() {
      closed = true;
      await db.destroy();
    },
  };
}
