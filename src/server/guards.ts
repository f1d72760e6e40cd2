import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { getOperationAST, OperationTypeNode, type DocumentNode, type GraphQLError, type GraphQLSchema } from 'graphql';
import type { Verifier } from '../access/auth/verifier';
import { AuthError } from '../access/auth/verifier';
import { parsePurpose, RoleChoiceError, ACTIVE_ROLE_HEADER, type Principal } from '../access/principal';
import type { Purpose } from '../access/policy';
import { checkDocument, documentVerdicts } from '../access/limits/document-checks';
import { selectsCitizenData } from '../access/citizen-selection';
import type { Safelist } from '../access/safelist';
import { cleanOperationName } from '../access/operation-name';
import { formatGraphQLError } from '../graphql/errors';
import { decodeRequest, RequestError, sendRequestError, sendRequestErrors, type GraphQLParams } from './graphql-http';
import { standardValidation, coerceVariables, validationVerdicts } from './validate-once';

/**
 * Everything that is decided per HTTP request before an engine runs a resolver, identical for Mercurius
 * and Apollo: no batching, CSRF, authentication (401), purpose (403), safelist, and the document limits.
 * A rejection here has touched no source system.
 */
export interface RequestGate {
  principal: Principal;
  purpose: Purpose | null;
  operationName: string;
  /** the request as decoded once (src/server/graphql-http): the engine runs exactly these */
  params: GraphQLParams & { query: string };
  /** the document parsed once, checked here, and handed to the engine as it is (never re-parsed from text) */
  document: DocumentNode;
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

function reject(reply: FastifyReply, status: number, code: string, message: string, extra: Record<string, unknown> = {}) {
  return sendRequestErrors(reply, status, [{ message, extensions: { code, ...extra } }]);
}

function fromDocumentErrors(reply: FastifyReply, errors: readonly GraphQLError[]) {
  return sendRequestErrors(
    reply,
    400,
    errors.map((e) => ({
      message: e.message,
      locations: e.locations,
      extensions: { code: (e.extensions?.code as string) ?? 'QUERY_LIMIT_EXCEEDED', ...(e.extensions?.limit ? { limit: e.extensions.limit } : {}) },
    })),
  );
}

export function registerGuards(app: FastifyInstance, opts: GuardOptions): void {
  // verdicts on documents already seen, for this app's schema (state of the app, not of the module)
  const checked = documentVerdicts();
  const validated = validationVerdicts();
  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.routeOptions.url !== '/graphql') return;

    // 1. Decode once (GET: the raw query string, strictly; POST: the JSON body). Batching is refused here: one
    // operation per request, so every limit below applies to everything run. A form or text/plain POST — a
    // browser's cross-site "simple" request — is refused with 415 (CSRF: JSON forces a CORS preflight).
    let decoded: GraphQLParams;
    try {
      decoded = decodeRequest(request);
    } catch (e) {
      if (e instanceof RequestError) return sendRequestError(reply, e);
      throw e;
    }

    // 2. CSRF for GET: a plain cross-site GET carries no custom header, so requiring one forces a preflight
    if (request.method !== 'POST' && !request.headers['x-graphql-csrf'] && !request.headers['apollo-require-preflight']) {
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
      return reject(
        reply,
        403,
        'PURPOSE_NOT_ALLOWED',
        `The role ${principal.role} may not state the purpose ${purpose}; it may state ${[...principal.policy.purposes].join(', ')}`,
      );
    }

    // 5. The document: full text, or a registered operation by hash
    let query = decoded.query;
    const hash = (decoded.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined)?.sha256Hash;
    const mustBeRegistered = opts.safelistMode || principal.role === 'app';
    if (!query && typeof hash === 'string') {
      const op = opts.safelist.byHashValue(hash);
      if (!op) return reject(reply, 400, 'PERSISTED_QUERY_NOT_FOUND', 'No registered operation has that hash');
      query = op.query;
    }
    if (!query) return reject(reply, 400, 'BAD_REQUEST', 'The request has no "query"');
    if (decoded.query && typeof hash === 'string' && !opts.safelist.hashMatches(decoded.query, hash)) {
      return reject(reply, 400, 'PERSISTED_QUERY_MISMATCH', 'extensions.persistedQuery.sha256Hash is not the SHA-256 of the query sent with it');
    }
    if (mustBeRegistered) {
      const op = opts.safelist.byQuery(query);
      if (!op) return reject(reply, 400, 'OPERATION_NOT_REGISTERED', 'Only registered operations may run here');
      if (principal.role === 'app' && !principal.scopes.includes(`operation:${op.name}`)) {
        return reject(reply, 403, 'FORBIDDEN', `The app's token does not grant the operation "${op.name}"`);
      }
    }

    // 6. Limits decided from the document alone
    const variables = decoded.variables ?? {};
    const maxCost = principal.budget.maxCost;
    const check = checkDocument({
      schema: opts.schema,
      query,
      variables,
      operationName: decoded.operationName,
      maxCost,
      production: opts.production,
      verdicts: checked,
    });
    if (!check.document) return fromDocumentErrors(reply, check.errors);
    // the graphql-js rules run here too, on the same parsed document, so the engine gets a valid one and both
    // engines answer an invalid one with the same body
    const invalid = standardValidation(opts.schema, validated, query, check.document);
    if (invalid.length)
      return sendRequestErrors(
        reply,
        400,
        invalid.map((e) => formatGraphQLError(e, undefined, undefined, { production: opts.production })),
      );
    if (check.errors.length) return fromDocumentErrors(reply, check.errors);
    const operation = getOperationAST(check.document, decoded.operationName);
    if (!operation) {
      return reject(
        reply,
        400,
        'BAD_REQUEST',
        decoded.operationName
          ? `The document has no operation named "${decoded.operationName}"`
          : 'The document has several operations: name the one to run in "operationName"',
      );
    }
    if (request.method !== 'POST' && operation.operation !== OperationTypeNode.QUERY) {
      return reject(reply, 405, 'METHOD_NOT_ALLOWED', `A ${operation.operation} must be sent with POST`, {});
    }
    const coercion = coerceVariables(opts.schema, operation, variables);
    if (coercion.length)
      return sendRequestErrors(
        reply,
        400,
        coercion.map((e) => formatGraphQLError(e, undefined, undefined, { production: opts.production })),
      );

    // 7. Citizen-level reads need a declared purpose for roles whose work is case-bound
    if (!purpose && principal.policy.needsPurpose && check.document && selectsCitizenData(opts.schema, check.document)) {
      return reject(reply, 403, 'PURPOSE_REQUIRED', 'This query reads citizen data: state the purpose in the "x-formaal" header (e.g. SAGSBEHANDLING)');
    }
    request.gate = { principal, purpose, operationName: cleanOperationName(check.operationName), params: { ...decoded, query }, document: check.document };
  });
}
