import { classifyTransportError, SourceError, type SourceName } from './source-error';

/**
 * The one HTTP status and transport error mapping for the HTTP connectors (Tilbudsportalen REST,
 * Serviceplatformen SOAP), at the connector edge as @apollo/datasource-rest's `errorFromResponse` does.
 * Messages are fixed texts plus an HTTP status and an operation name: never the upstream body, which may
 * quote our request (a CPR) or carry data we did not ask for.
 */
export interface HttpSource {
  source: SourceName;
  /** how the message names the upstream: "Tilbudsportalen" */
  label: string;
}

/**
 * A non-2xx status without anything more specific to read. Both upstreams issue one credential per
 * integrating system (Basic auth user, client certificate), so 401/403 means ours; 429 is rate limiting;
 * a 5xx may pass (retryable); any other 4xx means our request is wrong and will stay wrong.
 */
export function errorFromHttpStatus(upstream: HttpSource, status: number, operation?: string): SourceError {
  const { source, label } = upstream;
  if (status === 401 || status === 403) return new SourceError({ source, code: 'SOURCE_AUTH_FAILED' });
  if (status === 429) return new SourceError({ source, code: 'SOURCE_RATE_LIMITED' });
  return new SourceError({
    source,
    code: 'SOURCE_BAD_RESPONSE',
    message: `${label} answered ${operation ? `${operation} with ` : ''}HTTP ${status}`,
    retryable: status >= 500,
  });
}

/**
 * fetch (or a socket) rejected before or while reading the answer. AbortSignal.timeout rejects with a
 * TimeoutError; a refused connection is a TypeError whose cause carries ECONNREFUSED. Anything else without
 * a response (socket closed mid-answer, TLS failure) counts as unreachable, never as "no data".
 */
export function errorFromHttpTransport(upstream: HttpSource, err: unknown): SourceError {
  if (err instanceof SourceError) return err;
  return new SourceError({ source: upstream.source, code: classifyTransportError(err) ?? 'SOURCE_UNAVAILABLE', cause: err });
}
