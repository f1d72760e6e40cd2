/**
 * One error shape for every source system (the pattern of Hive Gateway's upstream errors and
 * @apollo/datasource-rest's errorFromResponse): a connector turns whatever its client threw into this,
 * at its edge. The GraphQL layer turns it into an error with `extensions: { code, source, retryable }`,
 * nulling only the fields that source feeds. The message is safe to show: no SQL, no upstream body, no CPR.
 */
export type SourceName = 'fagsystem' | 'oekonomi' | 'tilbudsportalen' | 'serviceplatformen' | 'gateway-store';

export type SourceErrorCode =
  /** cannot connect / connection refused / DNS */
  | 'SOURCE_UNAVAILABLE'
  /** no answer in time */
  | 'SOURCE_TIMEOUT'
  /** the source rejected our credentials or certificate (401/403, SOAP auth fault) */
  | 'SOURCE_AUTH_FAILED'
  /** the source answered something we cannot use (bad JSON/XML, unexpected status) */
  | 'SOURCE_BAD_RESPONSE'
  /** the source says the thing does not exist (404, SOAP "not found" fault) */
  | 'SOURCE_NOT_FOUND'
  /** the source is rate-limiting us (429) */
  | 'SOURCE_RATE_LIMITED'
  /** a query failed inside the source (SQL error) */
  | 'SOURCE_QUERY_FAILED'
  /** the gateway's own bound on calls waiting for this source is full (connectors/shared/resilience-policy) */
  | 'SOURCE_OVERLOADED';

const DEFAULT_RETRYABLE: Record<SourceErrorCode, boolean> = {
  SOURCE_UNAVAILABLE: true,
  SOURCE_TIMEOUT: true,
  SOURCE_AUTH_FAILED: false,
  SOURCE_BAD_RESPONSE: false,
  SOURCE_NOT_FOUND: false,
  SOURCE_RATE_LIMITED: true,
  SOURCE_QUERY_FAILED: false,
  SOURCE_OVERLOADED: true,
};

const SOURCE_LABEL: Record<SourceName, string> = {
  fagsystem: 'the fagsystem (case system)',
  oekonomi: 'the economy system',
  tilbudsportalen: 'Tilbudsportalen',
  serviceplatformen: 'Serviceplatformen',
  'gateway-store': "the gateway's own store",
};

export class SourceError extends Error {
  readonly source: SourceName;
  readonly code: SourceErrorCode;
  readonly retryable: boolean;

  constructor(opts: { source: SourceName; code: SourceErrorCode; message?: string; retryable?: boolean; cause?: unknown }) {
    super(opts.message ?? defaultMessage(opts.source, opts.code), { cause: opts.cause });
    this.name = 'SourceError';
    this.source = opts.source;
    this.code = opts.code;
    this.retryable = opts.retryable ?? DEFAULT_RETRYABLE[opts.code];
  }
}

function defaultMessage(source: SourceName, code: SourceErrorCode): string {
  const label = SOURCE_LABEL[source];
  switch (code) {
    case 'SOURCE_UNAVAILABLE':
      return `${label} is unavailable`;
    case 'SOURCE_TIMEOUT':
      return `${label} did not answer in time`;
    case 'SOURCE_AUTH_FAILED':
      return `${label} rejected the gateway's credentials`;
    case 'SOURCE_BAD_RESPONSE':
      return `${label} returned a response the gateway cannot read`;
    case 'SOURCE_NOT_FOUND':
      return `${label} does not know the requested record`;
    case 'SOURCE_RATE_LIMITED':
      return `${label} is limiting the gateway's requests; try again shortly`;
    case 'SOURCE_QUERY_FAILED':
      return `a query to ${label} failed`;
    case 'SOURCE_OVERLOADED':
      return `too many requests are waiting for ${label}; try again shortly`;
  }
}

export function isSourceError(e: unknown): e is SourceError {
  return e instanceof SourceError;
}

/** Node/driver network error codes that mean "cannot reach the server". */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ECONNRESET', 'EAI_AGAIN', 'ENETUNREACH', 'EPIPE', 'ESOCKET']);
const TIMEOUT = new Set(['ETIMEDOUT', 'ETIMEOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'KnexTimeoutError']);

/** Classifies a low-level error (driver, socket, fetch) without looking at its message text. */
export function classifyTransportError(e: unknown): SourceErrorCode | null {
  let cur: unknown = e;
  for (let depth = 0; cur && depth < 5; depth++) {
    const err = cur as { code?: string; name?: string; cause?: unknown; errors?: unknown[] };
    if (err.name === 'TimeoutError' || err.name === 'KnexTimeoutError' || (err.code && TIMEOUT.has(err.code))) return 'SOURCE_TIMEOUT';
    if (err.code && UNREACHABLE.has(err.code)) return 'SOURCE_UNAVAILABLE';
    if (Array.isArray(err.errors) && err.errors.length) cur = err.errors[0];
    else cur = err.cause;
  }
  return null;
}
