import { errorFromHttpStatus, errorFromHttpTransport } from '../shared/http-errors';
import { SourceError, type SourceErrorCode } from '../shared/source-error';
import type { SoapFaultInfo } from './envelope';

/**
 * Serviceplatformen failures mapped to SourceError codes at the connector edge. Messages carry fixed texts,
 * the operation name, an HTTP status or the platform's ErrorCode token — never a CPR, CVR or P-nummer, never
 * the faultstring or body (a CPR in an error message would end up in logs; databeskyttelsesloven § 11).
 */
const SOURCE = 'serviceplatformen' as const;
const UPSTREAM = { source: SOURCE, label: 'Serviceplatformen' };

export function spError(code: SourceErrorCode, opts: { message?: string; retryable?: boolean; cause?: unknown } = {}): SourceError {
  return new SourceError({ source: SOURCE, code, ...opts });
}

/** "The number does not exist in the register": the look-up resolves to null, it is not a failure. */
const NOT_FOUND = new Set(['CPR_NOT_FOUND', 'CVR_NOT_FOUND', 'PNUMMER_NOT_FOUND']);

/**
 * The platform refuses the caller, not the request: the InvocationContext does not name a valid service
 * agreement, system, user or service. Fixing it is a configuration change (KOMBIT's administration
 * module), so it is reported like rejected credentials.
 */
const AUTH = new Set(['INVOCATION_CONTEXT_MISSING', 'INVOCATION_CONTEXT_INVALID']);

/** null = the number is unknown to the register; otherwise the SourceError to throw. */
export function errorFromFault(operation: string, fault: SoapFaultInfo): SourceError | null {
  if (fault.errorCodes.some((c) => NOT_FOUND.has(c))) return null;
  const named = fault.errorCodes.length ? ` (${fault.errorCodes.join(', ')})` : '';
  if (fault.errorCodes.some((c) => AUTH.has(c))) {
    return spError('SOURCE_AUTH_FAILED', { message: `Serviceplatformen rejected the gateway's InvocationContext for ${operation}${named}` });
  }
  // MALFORMED_* after the gateway's own number check means the gateway built a wrong request: not "unknown"
  return spError('SOURCE_BAD_RESPONSE', {
    message: `Serviceplatformen answered ${operation} with a fault${named}`,
    retryable: fault.faultcode === 'Server',
  });
}

/** A status that carries no SOAP fault we can read (the shared mapping; the platform authenticates by client certificate, so 401/403 is ours). */
export function errorFromStatus(operation: string, status: number): SourceError {
  return errorFromHttpStatus(UPSTREAM, status, operation);
}

export function badResponse(operation: string, reason: string): SourceError {
  return spError('SOURCE_BAD_RESPONSE', { message: `Serviceplatformen returned an answer to ${operation} the gateway cannot read (${reason})` });
}

/** No answer: timeout (AbortSignal.timeout), refused, reset. Anything else without a response counts as unreachable. */
export function errorFromTransport(err: unknown): SourceError {
  return errorFromHttpTransport(UPSTREAM, err);
}
