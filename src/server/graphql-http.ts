import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { GraphQLFormattedError } from 'graphql';

/**
 * The /graphql route's HTTP layer, shared by both engines (GraphQL over HTTP): every request is decoded ONCE,
 * here, into the parameters the guards check and the engine then runs — neither engine reads the URL or the
 * body itself (an engine decoding a GET differently from the guard let a cheap document be checked while
 * another ran). Anything that does not decode cleanly is refused with a 4xx GraphQL-shaped error.
 */
export interface GraphQLParams {
  query?: string;
  variables?: Record<string, unknown>;
  operationName?: string;
  extensions?: Record<string, unknown>;
}

export class RequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** A JSON body that did not parse: kept as a value so the guards answer it in GraphQL shape (not Fastify's 500/400 page). */
class MalformedBody {
  constructor(readonly reason: string) {}
}
/** A body of a media type other than JSON (form posts, text/plain — the browser's cross-site "simple" requests). */
class UnsupportedBody {
  constructor(readonly contentType: string) {}
}

const GRAPHQL_RESPONSE = 'application/graphql-response+json';

/** The response media type the client asked for: the GraphQL one when it accepts it at least as much as plain JSON. */
export function responseType(accept: string | undefined): string {
  if (!accept) return 'application/json';
  let best = { type: 'application/json', q: -1 };
  for (const part of accept.split(',')) {
    const [type, ...params] = part.trim().toLowerCase().split(';');
    const q = Number(params.map((p) => p.trim()).find((p) => p.startsWith('q='))?.slice(2) ?? 1);
    const t = type!.trim();
    if ((t === GRAPHQL_RESPONSE || t === 'application/json' || t === 'application/*' || t === '*/*') && q > best.q) {
      best = { type: t === GRAPHQL_RESPONSE ? GRAPHQL_RESPONSE : 'application/json', q };
    } else if (t === GRAPHQL_RESPONSE && q === best.q) best = { type: GRAPHQL_RESPONSE, q };
  }
  return best.type;
}

/** A request error: no `data` entry (nothing was executed), the negotiated media type, a stable `extensions.code`. */
export function sendRequestErrors(reply: FastifyReply, status: number, errors: GraphQLFormattedError[], headers: Record<string, string> = {}) {
  for (const [k, v] of Object.entries(headers)) reply.header(k, v);
  return reply
    .code(status)
    .type(`${responseType(reply.request.headers.accept)}; charset=utf-8`)
    .send(JSON.stringify({ errors }));
}

export function sendRequestError(reply: FastifyReply, e: RequestError) {
  return sendRequestErrors(reply, e.status, [{ message: e.message, extensions: { code: e.code } }], e.headers);
}

// ---- decoding ----------------------------------------------------------------------------------------

const PARAMS = ['query', 'variables', 'operationName', 'extensions'] as const;
type Param = (typeof PARAMS)[number];

function strictDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    throw new RequestError(400, 'BAD_REQUEST', 'The query string is not valid URL encoding: every "%" must start an escape of valid UTF-8 (e.g. %20)');
  }
}

function jsonObject(name: 'variables' | 'extensions', raw: unknown, fromString: boolean): Record<string, unknown> | undefined {
  let v = raw;
  if (fromString) {
    try {
      v = JSON.parse(raw as string);
    } catch {
      throw new RequestError(400, 'BAD_REQUEST', `The "${name}" parameter is not valid JSON`);
    }
  }
  if (v === null || v === undefined) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw new RequestError(400, 'BAD_REQUEST', `The "${name}" parameter must be a JSON object (or null)`);
  return v as Record<string, unknown>;
}

/** GET: the raw URL's query string, decoded strictly (a bad escape or a repeated parameter is refused, never guessed at). */
export function decodeGet(rawUrl: string): GraphQLParams {
  const q = rawUrl.indexOf('?');
  const seen = new Map<Param, string>();
  if (q >= 0) {
    for (const pair of rawUrl.slice(q + 1).split('&')) {
      if (!pair) continue;
      const eq = pair.indexOf('=');
      const name = strictDecode(eq < 0 ? pair : pair.slice(0, eq));
      const value = strictDecode(eq < 0 ? '' : pair.slice(eq + 1));
      if (!(PARAMS as readonly string[]).includes(name)) continue;
      if (seen.has(name as Param)) throw new RequestError(400, 'BAD_REQUEST', `The "${name}" parameter appears more than once`);
      seen.set(name as Param, value);
    }
  }
  const params: GraphQLParams = {};
  if (seen.has('query')) params.query = seen.get('query');
  if (seen.get('operationName')) params.operationName = seen.get('operationName');
  if (seen.has('variables') && seen.get('variables') !== '') params.variables = jsonObject('variables', seen.get('variables'), true);
  if (seen.has('extensions') && seen.get('extensions') !== '') params.extensions = jsonObject('extensions', seen.get('extensions'), true);
  return params;
}

/** POST: the JSON body (already parsed by the route's content-type parser, once). */
export function decodePost(body: unknown): GraphQLParams {
  if (body instanceof UnsupportedBody) {
    throw new RequestError(415, 'UNSUPPORTED_MEDIA_TYPE', `POST requests must have Content-Type: application/json (got ${body.contentType || 'none'})`, { accept: 'application/json' });
  }
  if (body instanceof MalformedBody) throw new RequestError(400, 'BAD_REQUEST', `The request body is not valid JSON: ${body.reason}`);
  if (body === undefined || body === null) throw new RequestError(400, 'BAD_REQUEST', 'The request has no body: send {"query": "…"} as JSON');
  if (Array.isArray(body)) throw new RequestError(400, 'BATCHING_NOT_SUPPORTED', 'Batched requests are not supported: send one operation per request');
  if (typeof body !== 'object') throw new RequestError(400, 'BAD_REQUEST', 'The request body must be a JSON object such as {"query": "…"}');
  const b = body as Record<string, unknown>;
  const params: GraphQLParams = {};
  if (b.query !== undefined && b.query !== null) {
    if (typeof b.query !== 'string') throw new RequestError(400, 'BAD_REQUEST', 'The "query" parameter must be a string');
    params.query = b.query;
  }
  if (b.operationName !== undefined && b.operationName !== null) {
    if (typeof b.operationName !== 'string') throw new RequestError(400, 'BAD_REQUEST', 'The "operationName" parameter must be a string (or null)');
    if (b.operationName) params.operationName = b.operationName;
  }
  const variables = jsonObject('variables', b.variables, false);
  if (variables) params.variables = variables;
  const extensions = jsonObject('extensions', b.extensions, false);
  if (extensions) params.extensions = extensions;
  return params;
}

export function decodeRequest(request: FastifyRequest): GraphQLParams {
  if (request.method === 'GET' || request.method === 'HEAD') return decodeGet(request.raw.url ?? '');
  return decodePost(request.body);
}

// ---- the route -------------------------------------------------------------------------------------

export type GraphQLHandler = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

/**
 * Registers GET and POST /graphql in their own scope, so the body parsers below apply to this route only:
 * JSON is parsed once (Fastify's prototype-poisoning-safe parser) and a malformed or non-JSON body becomes a
 * value the guards refuse in GraphQL shape (400/415), instead of Fastify's error page.
 */
export function registerGraphqlRoute(app: FastifyInstance, handler: GraphQLHandler): void {
  void app.register(async (scope) => {
    const json = scope.getDefaultJsonParser('error', 'error');
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
      if (body === '') return done(null, new MalformedBody('the body is empty'));
      // the parser answers through `done`; its return value carries nothing
      void json(req, body as string, (err, value) => done(null, err ? new MalformedBody(err.message.replace(/^Body is not valid JSON but content-type is set to 'application\/json'$/, 'it does not parse')) : value));
    });
    scope.addContentTypeParser('*', { parseAs: 'string' }, (req, _body, done) => done(null, new UnsupportedBody(String(req.headers['content-type'] ?? ''))));
    scope.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
      const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
      if (status === 500) request.log.error({ failure: { name: error.name, message: error.message, stack: error.stack } }, 'graphql route failed');
      const message = status === 413 ? 'The request body is too large' : status === 500 ? 'Internal server error' : 'The request could not be read';
      const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST';
      return sendRequestErrors(reply, status, [{ message, extensions: { code } }]);
    });
    scope.route({ method: ['GET', 'POST'], url: '/graphql', handler });
  });
}
