import type { Knex } from 'knex';
import { dialectOf } from './dialect';

/**
 * How an amount leaves the database. Money is exact end to end (ARCHITECTURE: "Money is exact"):
 * - SQL Server: tedious returns DECIMAL as a JS number (binary floating point), so the column is CAST to
 *   VARCHAR in SQL; CAST of DECIMAL(p,2) keeps both decimals ("1234.50", "-75.00"). 40 characters hold
 *   any DECIMAL(38,s), the widest a SUM can become.
 * - PostgreSQL / PGlite: numeric already arrives as its exact decimal text; no cast.
 */
const MSSQL_MONEY_TYPE = 'VARCHAR(40)';

/** `beloeb` → an exact decimal string column named `alias`. */
export function moneyColumn(db: Knex, column: string, alias: string): Knex.Raw {
  return dialectOf(db) === 'mssql' ? db.raw(`CAST(?? AS ${MSSQL_MONEY_TYPE}) AS ??`, [column, alias]) : db.raw('?? AS ??', [column, alias]);
}

/** SUM(beloeb) as an exact decimal string; NULL (no rows) stays NULL. */
export function moneySum(db: Knex, column: string, alias: string): Knex.Raw {
  return dialectOf(db) === 'mssql' ? db.raw(`CAST(SUM(??) AS ${MSSQL_MONEY_TYPE}) AS ??`, [column, alias]) : db.raw('SUM(??) AS ??', [column, alias]);
}
