import { classifyTransportError, isSourceError, SourceError, type SourceErrorCode } from '../shared/source-error';

/**
 * The connector's edge: whatever knex, node-postgres, PGlite or tedious threw becomes one SourceError with
 * source 'oekonomi'. The message is the catalogue's fixed text. The original error is NOT kept as the
 * cause: knex writes the SQL with its bindings (CPR numbers, amounts) into error messages, and a cause
 * ends up in logs. Only the driver's own code (SQLSTATE / tedious code / errno) travels along for diagnosis.
 */

// PostgreSQL SQLSTATE classes (Appendix A): 08 connection exception, 57P01–57P03 server shutting down or
// not accepting connections, 53300 too many connections; 57014 query_canceled (statement_timeout);
// 28xxx invalid authorization. 3D000 (no such database) is a deployment fault that reads as "unavailable".
const PG_UNAVAILABLE = /^(08...|57P0[1-3]|53300|3D000)$/;
const PG_TIMEOUT = new Set(['57014']);
const PG_AUTH = /^28...$/;

// tedious: ConnectionError codes; ELOGIN = login failed (credentials), ETIMEOUT = connect/request timeout.
const TEDIOUS_AUTH = new Set(['ELOGIN']);
const TEDIOUS_UNAVAILABLE = new Set(['ESOCKET', 'ECLOSE', 'EINSTLOOKUP', 'ECONNCLOSED', 'ENOTOPEN', 'EINVALIDSTATE']);

export interface OekonomiErrorDetail {
  /** driver code (SQLSTATE, tedious/errno code) or error class name; never a message */
  driverCode: string | undefined;
}

function driverCode(e: unknown): string | undefined {
  const err = e as { code?: unknown; name?: unknown } | null;
  if (err && typeof err.code === 'string') return err.code;
  if (err && typeof err.code === 'number') return String(err.code);
  return err && typeof err.name === 'string' ? err.name : undefined;
}

function classify(e: unknown): SourceErrorCode {
  const transport = classifyTransportError(e);
  if (transport) return transport;
  const code = driverCode(e);
  if (code === undefined) return 'SOURCE_QUERY_FAILED';
  if (PG_TIMEOUT.has(code)) return 'SOURCE_TIMEOUT';
  if (PG_UNAVAILABLE.test(code) || TEDIOUS_UNAVAILABLE.has(code)) return 'SOURCE_UNAVAILABLE';
  if (PG_AUTH.test(code) || TEDIOUS_AUTH.has(code)) return 'SOURCE_AUTH_FAILED';
  return 'SOURCE_QUERY_FAILED';
}

/** Maps any failure of a statement to a SourceError('oekonomi', …). SourceErrors pass through unchanged. */
export function toOekonomiError(e: unknown): SourceError {
  if (isSourceError(e)) return e;
  const detail: OekonomiErrorDetail = { driverCode: driverCode(e) };
  return new SourceError({ source: 'oekonomi', code: classify(e), cause: detail });
}

/** A row the connector cannot read (NULL where the ERP guarantees a value, a float amount, a bad date). */
export function badResponse(e: unknown): SourceError {
  if (isSourceError(e)) return e;
  return new SourceError({ source: 'oekonomi', code: 'SOURCE_BAD_RESPONSE', cause: { driverCode: driverCode(e) } });
}
