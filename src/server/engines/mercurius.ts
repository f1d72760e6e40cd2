import mercurius from 'mercurius';
import type { GraphQLError } from 'graphql';
import type { GatewayContext } from '../../context/context';
import { formatGraphQLError } from '../../graphql/errors';
import { collapseSourceErrors } from '../../graphql/collapse-source-errors';
import { registerGraphqlRoute, responseType, sendRequestErrors } from '../graphql-http';
import { requestInfo, type EngineAdapter } from './types';
import { accessLogRefusal } from './access-gate';

/**
 * Mercurius (Fastify) — the default engine. Its own HTTP routes are off: the shared /graphql route
 * (src/server/graphql-http) decodes the request once, the guards parse and check the document, and Mercurius
 * is handed that DocumentNode itself (`reply.graphql` accepts a document as well as text), never the text to
 * parse again. Its parse cache is keyed by the document object, which the guards' cache hands out again for
 * a repeated query, so repeated operations are not re-validated.
 */
export const mercuriusEngine: EngineAdapter = async (app, opts) => {
  await app.register(mercurius, {
    schema: opts.schema,
    routes: false,
    graphiql: false, // served for both engines by src/server/graphiql
    allowBatchedQueries: false,
    // Adaptive JIT: a document seen twice is compiled (graphql-jit) off the request path, so one-off documents
    // never pay the compile time and repeated ones skip graphql-js's per-field execution (the larger half of a
    // big page's CPU). Not the plain `jit: 1`: its compiling request skips graphql-js's variable coercion, and
    // graphql-jit's own message echoes the rejected value (a malformed CPR) instead of the scalar's message.
    // eluThreshold 1: compile even when the loop is busy (a one-time cost per document), not only when idle.
    jit: { minCount: 1, eluThreshold: 1 },
    errorFormatter: (execution, ctx) => {
      const context = ctx as unknown as Partial<GatewayContext> & { reply?: { log: GatewayContext['log'] } };
      const log = context.log ?? context.reply?.log;
      // validation failures arrive wrapped in one MER_ERR_GQL_VALIDATION error holding the real ones
      const flat = execution.errors.flatMap((e) => {
        const inner = (e.originalError as { errors?: GraphQLError[] } | undefined)?.errors;
        return Array.isArray(inner) ? inner : [e];
      });
      const errors = collapseSourceErrors(flat.map((e) => formatGraphQLError(e as GraphQLError, log, context.transactionId, { production: opts.production })));
      return { statusCode: 200, response: { data: execution.data ?? null, errors } } as never;
    },
  });
  app.graphql.addHook('onResolution', async (execution, context) => {
    const warnings = (context as unknown as GatewayContext).warnings;
    if (warnings?.length) execution.extensions = { ...execution.extensions, warnings };
  });

  registerGraphqlRoute(app, async (request, reply) => {
    const info = requestInfo(request);
    const { document, params } = request.gate!; // set: requestInfo refuses a request the guards did not pass
    const context = opts.buildContext(info);
    try {
      const result = await reply.graphql(document as never, context as never, params.variables, params.operationName);
      const refused = await accessLogRefusal(context);
      return reply.type(`${responseType(request.headers.accept)}; charset=utf-8`).send(refused ? { data: null, errors: [refused] } : result);
    } catch (e) {
      // the guards validated document and variables already; this is the engine disagreeing, still a request error
      const errors = (e as { errors?: GraphQLError[] }).errors;
      if (!Array.isArray(errors)) throw e;
      return sendRequestErrors(
        reply,
        400,
        errors.map((x) => formatGraphQLError(x, request.log, request.id, { production: opts.production })),
      );
    }
  });
};
