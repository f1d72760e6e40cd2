import type { Knex } from 'knex';

/**
 * Fast bulk loading for the simulated databases, one strategy per engine (measured, see the seeders):
 * - PGlite: `COPY … FROM '/dev/blob'` with a CSV blob passed as PGlite's `blob` query option — one call
 *   into the WASM engine instead of thousands of bound parameters (about 3× faster than multi-row inserts);
 * - PostgreSQL: `INSERT … SELECT * FROM unnest($1::type[], …)` — one array parameter per column, so a
 *   chunk of 50,000 rows is one statement with a handful of parameters;
 * - SQL Server: multi-row `INSERT … VALUES`, chunked to stay within SQL Server's limits of 2,100
 *   parameters per request and 1,000 rows per VALUES list.
 * The engine is read from `db.client.config.client`.
 */
export type Dialect = 'postgres' | 'pglite' | 'mssql';

/** SQL Server rejects a request with more than 2,100 parameters. */
export const MSSQL_MAX_PARAMETERS = 2100;
/** SQL Server rejects a table value constructor (VALUES list) with more than 1,000 rows. */
export const MSSQL_MAX_VALUES_ROWS = 1000;
const POSTGRES_CHUNK_ROWS = 20_000;
const PGLITE_CHUNK_ROWS = 100_000;

export function dialectOf(db: Knex): Dialect {
  const config = db.client.config as { client?: unknown; connection?: { pglite?: unknown } };
  const client = config.client;
  if (typeof client === 'string') {
    if (client === 'mssql') return 'mssql';
    if (client === 'pg' || client === 'postgres' || client === 'postgresql') return 'postgres';
    throw new Error(`unsupported database client "${client}" (pg, mssql or PGlite)`);
  }
  // knex-pglite registers a client class rather than a name
  if (config.connection?.pglite !== undefined || /pglite/i.test(String((client as { name?: string } | undefined)?.name ?? ''))) return 'pglite';
  throw new Error('unsupported database client (pg, mssql or PGlite)');
}

/** Rows per INSERT for SQL Server: within both the parameter and the VALUES-row limit. */
export function mssqlChunkRows(columnCount: number): number {
  return Math.max(1, Math.min(MSSQL_MAX_VALUES_ROWS, Math.floor(MSSQL_MAX_PARAMETERS / columnCount)));
}

export function chunks<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

type Row = object;
const valueOf = (row: Row, column: string) => (row as Record<string, unknown>)[column] ?? null;

/** The multi-row INSERT builders used for SQL Server (exported so the SQL can be compiled without a server). */
export function mssqlInsertBuilders(db: Knex, table: string, columns: readonly string[], rows: readonly Row[]): Knex.QueryBuilder[] {
  return chunks(rows, mssqlChunkRows(columns.length)).map((chunk) =>
    db(table).insert(chunk.map((r) => Object.fromEntries(columns.map((c) => [c, valueOf(r, c)])))),
  );
}

function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (typeof v === 'number') return String(v);
  return `"${String(v).replace(/"/g, '""')}"`;
}

async function copyIntoPglite(db: Knex, table: string, columns: readonly string[], rows: readonly Row[]): Promise<void> {
  const cols = columns.map((c) => `"${c}"`).join(', ');
  for (const chunk of chunks(rows, PGLITE_CHUNK_ROWS)) {
    const lines = chunk.map((r) => columns.map((c) => csvField(valueOf(r, c))).join(','));
    const blob = new Blob([lines.join('\n')]);
    await db.raw(`copy "${table}" (${cols}) from '/dev/blob' with (format csv)`).options({ blob });
  }
}

/**
 * A PostgreSQL array literal ('{1,NULL,"a \\"b\\""}') built here rather than by node-postgres: the
 * driver's per-element escaping and knex's deep scan of array bindings were the largest JS costs of
 * loading 1.5 million postings (measured with --cpu-prof).
 */
export function pgArrayLiteral(values: readonly unknown[]): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) parts[i] = 'NULL';
    else if (typeof v === 'number') parts[i] = String(v);
    else if (typeof v === 'boolean') parts[i] = v ? 't' : 'f';
    else {
      const text = String(v);
      parts[i] = `"${/[\\"]/.test(text) ? text.replace(/[\\"]/g, '\\$&') : text}"`;
    }
  }
  return `{${parts.join(',')}}`;
}

async function unnestIntoPostgres(db: Knex, table: string, columns: readonly string[], rows: readonly Row[]): Promise<void> {
  const info = await db.raw<{ rows: { column_name: string; udt_name: string }[] }>(
    'select column_name, udt_name from information_schema.columns where table_schema = current_schema() and table_name = ?',
    [table],
  );
  const types = new Map(info.rows.map((r) => [r.column_name, r.udt_name]));
  const casts = columns.map((c) => {
    const t = types.get(c);
    if (!t) throw new Error(`column ${table}.${c} does not exist`);
    return `?::${t}[]`;
  });
  const sql = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) select * from unnest(${casts.join(', ')})`;
  for (const chunk of chunks(rows, POSTGRES_CHUNK_ROWS)) {
    // one array literal per column: a chunk is one statement with as many parameters as columns
    await db.raw(
      sql,
      columns.map((c) => pgArrayLiteral(chunk.map((r) => valueOf(r, c)))),
    );
  }
}

export async function bulkInsert(db: Knex, table: string, columns: readonly string[], rows: readonly Row[]): Promise<void> {
  if (rows.length === 0) return;
  switch (dialectOf(db)) {
    case 'pglite':
      return copyIntoPglite(db, table, columns, rows);
    case 'postgres':
      return unnestIntoPostgres(db, table, columns, rows);
    case 'mssql':
      for (const q of mssqlInsertBuilders(db, table, columns, rows)) await q;
  }
}
