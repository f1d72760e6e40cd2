import type { SourceErrorCode } from '../../connectors/shared/source-error';

/**
 * The catalogue of every `extensions.code` a client can see (the habit of fastify's FST_ERR_* codes): stable
 * codes, the HTTP status of a response that carries one, and what it means. README's "Error codes" table is
 * this table (test/unit/error-codes.test.ts checks both ways, and that no code is used in the source
 * without being here).
 *
 * Status: a request refused before execution gets the 4xx listed; an error raised while executing (a
 * resolver's argument check, a source failure, a masked field) comes with HTTP 200 beside the data that
 * could be answered, and only the affected fields are null.
 */
export interface ErrorCodeEntry {
  /** 'error' in `errors[]`, 'warning' in `extensions.warnings[]` (KOMBIT style: the value is null, the reason named) */
  kind: 'error' | 'warning';
  /** HTTP status of the response */
  status: number;
  meaning: string;
}

const SOURCE_CODES = {
  SOURCE_UNAVAILABLE: {
    kind: 'error',
    status: 200,
    meaning:
      'a source system cannot be reached; `source` names it, `retryable` is true (a warning with this code marks a provenance value shown as unavailable)',
  },
  SOURCE_TIMEOUT: { kind: 'error', status: 200, meaning: 'a source system did not answer in time; retryable' },
  SOURCE_AUTH_FAILED: {
    kind: 'error',
    status: 200,
    meaning: "a source system rejected the gateway's credentials or certificate (an operator must fix the configuration)",
  },
  SOURCE_BAD_RESPONSE: { kind: 'error', status: 200, meaning: 'a source system answered something the gateway cannot read (schema change, unexpected status)' },
  SOURCE_NOT_FOUND: { kind: 'error', status: 200, meaning: 'a source system does not know a record it was expected to have' },
  SOURCE_RATE_LIMITED: { kind: 'error', status: 200, meaning: "a source system is limiting the gateway's requests; retryable" },
  SOURCE_QUERY_FAILED: { kind: 'error', status: 200, meaning: 'a query failed inside a source system (missing table or permission)' },
  SOURCE_OVERLOADED: {
    kind: 'error',
    status: 200,
    meaning: "too many calls are waiting for a source system (the gateway's bounded queue per source is full); retryable shortly",
  },
} as const satisfies Record<SourceErrorCode, ErrorCodeEntry>;

export const ERROR_CODES = {
  BAD_USER_INPUT: {
    kind: 'error',
    status: 200,
    meaning: 'an argument or variable is wrong; `argument` names it (400 when a variable is refused before execution)',
  },
  GRAPHQL_PARSE_FAILED: { kind: 'error', status: 400, meaning: 'the document is not valid GraphQL syntax' },
  GRAPHQL_VALIDATION_FAILED: { kind: 'error', status: 400, meaning: 'the document does not fit the schema' },
  BAD_REQUEST: {
    kind: 'error',
    status: 400,
    meaning: 'the request cannot be read: no `query`, malformed JSON, invalid URL encoding, a repeated or wrongly typed parameter, an unknown operation name',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    kind: 'error',
    status: 415,
    meaning: 'a POST body that is not `application/json` (form and text posts: the browser cross-site requests CSRF uses)',
  },
  METHOD_NOT_ALLOWED: { kind: 'error', status: 405, meaning: 'a mutation sent with GET; send it with POST' },
  PAYLOAD_TOO_LARGE: { kind: 'error', status: 413, meaning: 'the request body is larger than 1 MiB' },
  BATCHING_NOT_SUPPORTED: { kind: 'error', status: 400, meaning: 'a JSON array of operations was sent; send one operation per request' },
  CSRF_PROTECTION: { kind: 'error', status: 400, meaning: 'a GET without the `x-graphql-csrf` header' },
  UNAUTHENTICATED: { kind: 'error', status: 401, meaning: 'no valid bearer token (missing, malformed, expired, wrong issuer/audience/signature)' },
  FORBIDDEN: { kind: 'error', status: 403, meaning: "the caller's role or app token does not grant the operation or field" },
  BAD_PURPOSE: { kind: 'error', status: 400, meaning: 'the `x-formaal` header names no known purpose' },
  PURPOSE_REQUIRED: { kind: 'error', status: 403, meaning: 'the query reads citizen data and the role must state its purpose in `x-formaal`' },
  PURPOSE_NOT_ALLOWED: {
    kind: 'error',
    status: 403,
    meaning: 'the active role may not state the purpose in `x-formaal` (purposes are tied to roles in the policy table)',
  },
  AKTIV_ROLLE_REQUIRED: {
    kind: 'error',
    status: 400,
    meaning: 'the token grants several roles: name the one the request acts in with the `x-aktiv-rolle` header',
  },
  AKTIV_ROLLE_INVALID: { kind: 'error', status: 400, meaning: '`x-aktiv-rolle` names no known role, or is sent more than once' },
  AKTIV_ROLLE_NOT_GRANTED: { kind: 'error', status: 403, meaning: 'the token does not grant the role named in `x-aktiv-rolle`' },
  PERSISTED_QUERY_NOT_FOUND: { kind: 'error', status: 400, meaning: 'no registered operation has the given hash' },
  PERSISTED_QUERY_MISMATCH: { kind: 'error', status: 400, meaning: 'the query was sent with a hash that is not its SHA-256 (nor its registered operation)' },
  OPERATION_NOT_REGISTERED: { kind: 'error', status: 400, meaning: 'only registered (safelisted) operations may run for this caller' },
  DOCUMENT_TOO_LARGE: { kind: 'error', status: 400, meaning: 'the document is larger than the limit (`limit` in bytes)' },
  TOO_MANY_TOKENS: { kind: 'error', status: 400, meaning: 'the document has more tokens than the parser accepts' },
  QUERY_LIMIT_EXCEEDED: { kind: 'error', status: 400, meaning: 'the document exceeds a structural limit (depth, aliases, directives)' },
  QUERY_TOO_COSTLY: { kind: 'error', status: 400, meaning: 'the estimated cost of the query exceeds the limit (`cost`, `limit`)' },
  TOO_MANY_CPR_LOOKUPS: { kind: 'error', status: 400, meaning: 'the document looks up more CPR numbers than allowed (alias enumeration)' },
  TOO_MANY_IDS: { kind: 'error', status: 400, meaning: '`nodes(ids:)` is given more ids than allowed (`limit`)' },
  CITIZEN_LIMIT_PER_REQUEST: { kind: 'error', status: 200, meaning: "the request touches more citizens than the caller's role may read at once" },
  CITIZEN_LIMIT_PER_MINUTE: { kind: 'error', status: 200, meaning: 'the caller has read more citizens in the last minute than the role allows; retry later' },
  ...SOURCE_CODES,
  INTERNAL_SERVER_ERROR: { kind: 'error', status: 200, meaning: "a bug in the gateway; details only in the log, under the response's transaction id" },
  FELT_SKJULT: { kind: 'warning', status: 200, meaning: "a field is null because the caller's role may not see it" },
  ADRESSEBESKYTTELSE: { kind: 'warning', status: 200, meaning: 'the citizen has name-and-address protection: no address is shown' },
  ADRESSE_TILBAGEHOLDT: {
    kind: 'warning',
    status: 200,
    meaning: 'the CPR register does not know the citizen or cannot be asked, so protection cannot be ruled out: no address is shown',
  },
} as const satisfies Record<string, ErrorCodeEntry>;

export type ErrorCode = keyof typeof ERROR_CODES;
