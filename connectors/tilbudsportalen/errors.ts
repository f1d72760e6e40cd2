import { classifyTransportError, SourceError, type SourceErrorCode } from '../shared/source-error';

/**
 * Tilbudsportalen failures mapped to the gateway's SourceError codes at the connector edge (the
 * @apollo/datasource-rest `errorFromResponse` habit). Messages are fixed texts plus an HTTP status or a
 * JSON path: never the upstream body, which may quote our request or carry data we did not ask for.
 */
const SOURCE = 'tilbudsportalen' as const;

export function tpError(code: SourceErrorCode, opts: { message?: string; retryable?: boolean; cause?: unknown } = {}): SourceError {
  return new SourceError({ source: SOURCE, code, ...opts });
}

/** A non-2xx status. The web service issues one username/password per integrating system, so 401/403 means our credentials. */
export function errorFromStatus(status: number): SourceError {
  if (status === 401 || status === 403) return tpError('SOURCE_AUTH_FAILED');
  if (status === 429) return tpError('SOURCE_RATE_LIMITED');
  // 5xx may pass (retryable); a 4xx means our request is wrong and will stay wrong
  return tpError('SOURCE_BAD_RESPONSE', {
    message: `Tilbudsportalen answered HTTP ${status}`,
    retryable: status >= 500,
  });
}

/**
 * fetch rejected before or while reading the answer. AbortSignal.timeout rejects with a TimeoutError;
 * a refused connection is a TypeError whose cause carries ECONNREFUSED. Anything else without a response
 * (socket closed mid-answer, TLS failure) is treated as unreachable, never as "no data".
 */
export function errorFromTransport(err: unknown): SourceError {
  if (err instanceof SourceError) return err;
  return tpError(classifyTransportError(err) ?? 'SOURCE_UNAVAILABLE', { cause: err });
}

export function badResponse(detail: string): SourceError {
  return tpError('SOURCE_BAD_RESPONSE', { message: `Tilbudsportalen returned a response the gateway cannot read (${detail})` });
}
