import type { Knex } from 'knex';

/**
 * The two SQL families the economy database can be. knex-pglite extends knex's PostgreSQL client, so
 * PGlite reports 'postgresql' and gets exactly the statements a real PostgreSQL server gets.
 */
export type Dialect = 'mssql' | 'postgres';

export function dialectOf(db: Knex): Dialect {
  const d = (db.client as { dialect?: string }).dialect;
  if (d === 'mssql') return 'mssql';
  if (d === 'postgresql' || d === 'postgres' || d === 'pg') return 'postgres';
  throw new Error(`oekonomi: unsupported database dialect "${String(d)}" (SQL Server or PostgreSQL)`);
}

/**
 * The month (1–12) of a DATE column as an integer. PostgreSQL's extract() returns numeric, hence the
 * cast; SQL Server's MONTH() already returns int. Used only in SELECT/GROUP BY, never in a WHERE, so no
 * index is defeated by wrapping the column.
 */
export function monthOf(db: Knex, column: string): Knex.Raw {
  return dialectOf(db) === 'mssql' ? db.raw('MONTH(??)', [column]) : db.raw('CAST(EXTRACT(MONTH FROM ??) AS INTEGER)', [column]);
}
