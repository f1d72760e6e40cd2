import type { Knex } from 'knex';
import { createSqlClient } from '../shared/sql-client';
import { MAX_KEYS_PER_STATEMENT, type ResolvedOptions } from './config';
import type { Row } from './mapping';

/**
 * Runs the builders from queries.ts through the shared SQL client (connectors/shared/sql-client.ts: the
 * statement time limit, one SQLSTATE/tedious classifier, rows mapped inside the guard), adding the
 * chunking the SQL Server parameter limit needs.
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
  const sql = createSqlClient({ source: 'oekonomi', db: opts.db, queryTimeoutMs: opts.queryTimeoutMs });
  return {
    db: sql.db,
    run: (query, map) => sql.rows(query, map),
    async runChunked(keys, build, map) {
      const out: ReturnType<typeof map>[] = [];
      for (let i = 0; i < keys.length; i += MAX_KEYS_PER_STATEMENT) {
        const part = await sql.rows(build(keys.slice(i, i + MAX_KEYS_PER_STATEMENT)), map);
        for (const r of part) out.push(r);
      }
      return out;
    },
    close: () => sql.close(),
  };
}
