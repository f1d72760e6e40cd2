import { SourceError, classifyTransportError, isSourceError, type SourceErrorCode } from '../shared/source-error';

/**
 * The fagsystem connector's edge: whatever knex, pg or PGlite threw becomes one SourceError with source
 * 'fagsystem'. Driver messages are not passed on — knex prefixes them with the SQL text and PostgreSQL
 * echoes values in them ("invalid input syntax for type date: …", "Key (cpr)=(…)"), and a CPR must never
 * reach a client or a log line. What is kept for the operator is only the error's class and codes.
 */

// SQLSTATE classes that mean "the server cannot serve us right now", not "our query is wrong"
// (PostgreSQL manual, Appendix A): 08 connection exception, 57P01–57P03 shutdown / cannot connect now,
// 53300 too many connections. 57014 query_canceled is what statement_timeout raises.
const UNAVAILABLE_SQLSTATE = /^(08|57P0[123]$|53300$)/;
const TIMEOUT_SQLSTATE = new Set(['57014']);

export function classifyFagsystemError(e: unknown): SourceErrorCode {
  const transport = classifyTransportError(e);
  if (transport) return transport;
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    if (TIMEOUT_SQLSTATE.has(code)) return 'SOURCE_TIMEOUT';
    if (UNAVAILABLE_SQLSTATE.test(code)) return 'SOURCE_UNAVAILABLE';
  }
  // knex-pglite over a closed embedded instance, or a destroyed knex pool: the database is gone, not the query
  if (e instanceof Error && /PGlite is clos|Unable to acquire a connection/i.test(e.message)) {
    return 'SOURCE_UNAVAILABLE';
  }
  return 'SOURCE_QUERY_FAILED';
}

/** The operator-facing remainder of a driver error: its name and codes, never its message. */
function safeCause(e: unknown): { name: string; code?: string; errno?: string } {
  const err = e as { name?: unknown; code?: unknown; errno?: unknown } | null;
  return {
    name: typeof err?.name === 'string' ? err.name : 'Error',
    ...(typeof err?.code === 'string' ? { code: err.code } : {}),
    ...(typeof err?.errno === 'string' ? { errno: err.errno } : {}),
  };
}

export function toSourceError(e: unknown): SourceError {
  if (isSourceError(e)) return e;
  return new SourceError({ source: 'fagsystem', code: classifyFagsystemError(e), cause: safeCause(e) });
}
