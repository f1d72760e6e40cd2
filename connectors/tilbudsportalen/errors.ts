import { errorFromHttpStatus, errorFromHttpTransport } from '../shared/http-errors';
import { SourceError, type SourceErrorCode } from '../shared/source-error';

/**
 * Tilbudsportalen failures mapped to the gateway's SourceError codes at the connector edge (the
 * @apollo/datasource-rest `errorFromResponse` habit). Messages are fixed texts plus an HTTP status or a
 * JSON path: never the upstream body, which may quote our request or carry data we did not ask for.
 */
const SOURCE = 'tilbudsportalen' as const;
const UPSTREAM = { source: SOURCE, label: 'Tilbudsportalen' };

export function tpError(code: SourceErrorCode, opts: { message?: string; retryable?: boolean; cause?: unknown } = {}): SourceError {
  return new SourceError({ source: SOURCE, code, ...opts });
}

/** A non-2xx status (the shared mapping: 401/403 is our Basic-auth user, 429 rate limiting, 5xx retryable). */
export function errorFromStatus(status: number): SourceError {
  return errorFromHttpStatus(UPSTREAM, status);
}

/** fetch rejected before or while reading the answer (timeout, refused, reset): never "no data". */
export function errorFromTransport(err: unknown): SourceError {
  return errorFromHttpTransport(UPSTREAM, err);
}

export function badResponse(detail: string): SourceError {
  return tpError('SOURCE_BAD_RESPONSE', { message: `Tilbudsportalen returned a response the gateway cannot read (${detail})` });
}
