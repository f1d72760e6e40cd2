import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { GraphQLError, GraphQLSchema } from 'graphql';
import type { Verifier } from '../access/auth/verifier';
import { AuthError } from '../access/auth/verifier';
import { parsePurpose, RoleChoiceError, ACTIVE_ROLE_HEADER, type Principal } from '../access/principal';
import type { Purpose } from '../access/policy';
import { checkDocument } from '../access/limits/document-checks';
import { selectsCitizenData } from '../access/citizen-selection';
import type { Safelist } from '../access/safelist';
import { cleanOperationName } from '../access/operation-name';

/**
 * Everything that is decided per HTTP request before an engine runs a resolver, identical for Mercurius
 * and Apollo: no batching, CSRF, authentication (401), purpose (403), safelist, and the document limits.
 * A rejection here has touched no source system.
 */
export interface RequestGate {
  principal: Principal;
  purpose: Purpose | null;
  operationName: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    gate?: RequestGate;
  }
}

export interface GuardOptions {
  schema: GraphQLSchema;
  verify: Verifier;
  safelist: Safelist;
  safelistMode: boolean;
  production: boolean;
}

interface GraphQLBody {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
  extensions?: { persistedQuery?: { sha256Hash?: unknown } };
}

function reject(reply: FastifyReply, status: number, code: string, message: string, extra: Record<string, unknown> = {}) {
  return reply.code(status).type('application/json').send({ data: null, errors: [{ message, extensions: { code, ...extra } }] });
}

function fromDocumentErrors(reply: FastifyReply, errors: readonly GraphQLError[]) {
  return reply.code(400).type('application/json').send({
    data: null,
    errors: errors.map((e) => ({ message: e.message, locations: e.locations, extensions: { code: (e.extensions?.code as string) ?? 'QUERY_LIMIT_EXCEEDED', ...(e.extensions?.limit ? { limit: e.extensions.limit } : {}) } })),
  });
}

export function registerGuards(app: FastifyInstance, opts: GuardOptions): void {
  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.routeOptions.url !== '/graphql') return;

    // 1. HTTP batching is off: one operation per request, so every limit below applies to everything run
    if (Array.isArray(request.body)) return reject(reply, 400, 'BATCHING_NOT_SUPPORTED', 'Batched requests are not supported: send one operation per request');

    // 2. CSRF: a browser can send a cross-site "simple" request (form or text/plain POST, plain GET) with the
    // user's cookies/credentials; requiring application/json or a custom header forces a CORS preflight.
    if (request.method === 'POST' && !/^application\/(graphql-response\+)?json\b/i.test(request.headers['content-type'] ?? '')) {
      return reject(reply, 400, 'CSRF_PROTECTION', 'POST requests must have Content-Type: application/json');
    }
    if (request.method === 'GET' && !request.headers['x-graphql-csrf'] && !request.headers['apollo-require-preflight']) {
      return reject(reply, 400, 'CSRF_PROTECTION', 'GET requests must carry an "x-graphql-csrf" header');
    }

    // 3. Authentication
    let principal: Principal;
    try {
      principal = await opts.verify(request.headers.authorization, request.headers[ACTIVE_ROLE_HEADER]);
    } catch (e) {
      if (e instanceof RoleChoiceError) return reject(reply, e.status, e.code, e.message);
      if (e instanceof AuthError) {
        reply.header('www-authenticate', 'Bearer realm="socialdata-gateway", error="invalid_token"');
        return reject(reply, 401, 'UNAUTHENTICATED', e.message);
      }
      throw e;
    }

    // 4. Purpose header (logged with every citizen-level read)
    const parsed = parsePurpose(request.headers['x-formaal']);
    if (parsed === 'invalid') return reject(reply, 400, 'BAD_PURPOSE', 'Unknown purpose in the "x-formaal" header; see the README for the list');
    const purpose = parsed ?? principal.policy.defaultPurpose;
    if (purpose && !principal.policy.purposes.has(purpose)) {
      return reject(reply, 403, 'PURPOSE_NOT_ALLOWED', `The role ${principal.role} may not state the purpose ${purpose}; it may state ${[...principal.policy.purposes].join(', ')}`);
    }

    // 5. The document: full text, or a registered operation by hash
    const body = (request.method === 'GET' ? request.query : request.body) as GraphQLBody | undefined;
    let query = typeof body?.query === 'string' ? body.query : undefined;
    const hash = body?.extensions?.persistedQuery?.sha256Hash;
    const mustBeRegistered = opts.safelistMode || principal.role === 'app';
    if (!query && typeof hash === 'string') {
      const op = opts.safelist.byHashValue(hash);
      if (!op) return reject(reply, 400, 'PERSISTED_QUERY_NOT_FOUND', 'No registered operation has that hash');
      query = op.query;
      if (request.method === 'POST') (request.body as GraphQLBody).query = op.query;
    }
    if (!query) return reject(reply, 400, 'BAD_REQUEST', 'The request has no "query"');
    if (mustBeRegistered) {
      const op = opts.safelist.byQuery(query);
      if (!op) return reject(reply, 400, 'OPERATION_NOT_REGISTERED', 'Only registered operations may run here');
      if (principal.role === 'app' && !principal.scopes.includes(`operation:${op.name}`)) {
        return reject(reply, 403, 'FORBIDDEN', `The app's token does not grant the operation "${op.name}"`);
      }
    }

    // 6. Limits decided from the document alone
    const variables = body?.variables && typeof body.variables === 'object' ? (body.variables as Record<string, unknown>) : typeof body?.variables === 'string' ? safeJson(body.variables) : {};
    const maxCost = principal.budget.maxCost;
    const check = checkDocument({ schema: opts.schema, query, variables, operationName: typeof body?.operationName === 'string' ? body.operationName : undefined, maxCost, production: opts.production });
    if (check.errors.length) return fromDocumentErrors(reply, check.errors);

    // 7. Citizen-level reads need a declared purpose for roles whose work is case-bound
    if (!purpose && principal.policy.needsPurpose && check.document && selectsCitizenData(opts.schema, check.document)) {
      return reject(reply, 403, 'PURPOSE_REQUIRED', 'This query reads citizen data: state the purpose in the "x-formaal" header (e.g. SAGSBEHANDLING)');
    }
    request.gate = { principal, purpose, operationName: cleanOperationName(check.operationName) };
  });
}

function safeJson(s: string): Record<string, unknown> {
  try {
    const v = JSON.parse(s);
    return v && typeof v === 'object' ? v : {};
  } catch {
    return {};
  }
}
