import { classifyTransportError, isSourceError, SourceError, type SourceErrorCode, type SourceName } from './source-error';

/**
 * The one SQLSTATE / driver-code classifier for the SQL connectors (fagsystem, economy system): whatever
 * knex, node-postgres, PGlite or tedious threw becomes a SourceError with a fixed message. Driver messages
 * are never kept — knex prefixes them with the SQL text and its bindings, and PostgreSQL echoes values in
 * them ("invalid input syntax for type date: …", "Key (cpr)=(…)"); a cause ends up in logs, and a CPR must
 * never reach one. Only the driver's own code travels along for the operator.
 */

// PostgreSQL SQLSTATE classes (PostgreSQL manual, Appendix A): 08 connection exception, 57P01–57P03 server
// shutting down or not accepting connections, 53300 too many connections; 3D000 (no such database) is a
// deployment fault that reads as "unavailable". 57014 query_canceled is what statement_timeout and knex's
// cancelling timeout raise. 28xxx invalid authorization: wrong password (28P01) or unknown role (28000).
const PG_UNAVAILABLE = /^(08...|57P0[1-3]|53300|3D000)$/;
const PG_TIMEOUT = new Set(['57014']);
const PG_AUTH = /^28...$/;

// tedious (SQL Server): ConnectionError codes; ELOGIN = login failed (credentials). ETIMEOUT is a transport
// timeout and is classified by classifyTransportError.
const TEDIOUS_AUTH = new Set(['ELOGIN']);
const TEDIOUS_UNAVAILABLE = new Set(['ESOCKET', 'ECLOSE', 'EINSTLOOKUP', 'ECONNCLOSED', 'ENOTOPEN', 'EINVALIDSTATE']);

/** What an operator gets of a driver error: its code (SQLSTATE, tedious/errno code) or class name, never its message. */
export interface SqlErrorDetail {
  driverCode: string | undefined;
}

export function driverCode(e: unknown): string | undefined {
  const err = e as { code?: unknown; name?: unknown } | null;
  if (err && typeof err.code === 'string') return err.code;
  if (err && typeof err.code === 'number') return String(err.code);
  return err && typeof err.name === 'string' ? err.name : undefined;
}

export function classifySqlError(e: unknown): SourceErrorCode {
  const transport = classifyTransportError(e);
  if (transport) return transport;
  const code = driverCode(e);
  if (code !== undefined) {
    if (PG_TIMEOUT.has(code)) return 'SOURCE_TIMEOUT';
    if (PG_UNAVAILABLE.test(code) || TEDIOUS_UNAVAILABLE.has(code)) return 'SOURCE_UNAVAILABLE';
    if (PG_AUTH.test(code) || TEDIOUS_AUTH.has(code)) return 'SOURCE_AUTH_FAILED';
  }
  // knex-pglite over a closed embedded instance, or a destroyed knex pool: the database is gone, not the query;
  // node-postgres's "Connection terminated unexpectedly" (the server ended the session; it carries no code)
  if (e instanceof Error && /PGlite is clos|Unable to acquire a connection|Connection terminated/i.test(e.message)) return 'SOURCE_UNAVAILABLE';
  return 'SOURCE_QUERY_FAILED';
}

/** Any failure of a statement → SourceError(source, …). SourceErrors pass through unchanged. */
export function toSqlSourceError(source: SourceName, e: unknown): SourceError {
  if (isSourceError(e)) return e;
  const cause: SqlErrorDetail = { driverCode: driverCode(e) };
  return new SourceError({ source, code: classifySqlError(e), cause });
}

/** A row the connector cannot read (NULL where the source guarantees a value, a float amount, a bad date). */
export function badRow(source: SourceName, e: unknown): SourceError {
  if (isSourceError(e)) return e;
  const cause: SqlErrorDetail = { driverCode: driverCode(e) };
  return new SourceError({ source, code: 'SOURCE_BAD_RESPONSE', cause });
}
