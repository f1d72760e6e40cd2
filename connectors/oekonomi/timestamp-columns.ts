import type { Knex } from 'knex';
import { dialectOf } from './dialect';

/**
 * `registreret` is the job's keyset watermark, so it must come back exactly as stored: a JS Date keeps
 * only milliseconds (SQL Server DATETIME2 has 100 ns, PostgreSQL timestamp 1 µs), and a truncated
 * watermark would make `registreret > watermark` read the same posting again. So the timestamp is
 * selected as ISO text on every engine (and compared back as text, which both engines convert to the
 * column's type, never the column to text, so the index on registreret still seeks):
 * - SQL Server: CONVERT style 126 = yyyy-mm-ddThh:mi:ss[.fffffff] (ISO 8601, independent of SET LANGUAGE/DATEFORMAT)
 * - PostgreSQL: to_char with microseconds (independent of DateStyle)
 */
/**
 * The alias of registreret's text form. Not `registreret`: an alias wins over a column in ORDER BY on both
 * engines, so ORDER BY registreret would sort by the text expression (a full sort of the range) instead
 * of reading the registreret index in order.
 */
export const REGISTRERET_TEXT = 'registreret_iso';

export function timestampColumn(db: Knex, column: string, alias: string): Knex.Raw {
  return dialectOf(db) === 'mssql'
    ? db.raw('CONVERT(VARCHAR(27), ??, 126) AS ??', [column, alias])
    : db.raw(`TO_CHAR(??, 'YYYY-MM-DD"T"HH24:MI:SS.US') AS ??`, [column, alias]);
}
