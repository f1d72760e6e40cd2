import mercurius from 'mercurius';
import type { GraphQLError } from 'graphql';
import { requestInfo, type EngineAdapter } from './types';
import type { GatewayContext } from '../../context/context';
import { formatGraphQLError } from '../../graphql/errors';
import { collapseSourceErrors } from '../../graphql/collapse-source-errors';

/** Mercurius (Fastify) — the default engine. */
export const mercuriusEngine: EngineAdapter = async (app, opts) => {
  await app.register(mercurius, {
    schema: opts.schema,
    path: '/graphql',
    graphiql: false, // served for both engines by src/server/graphiql
    allowBatchedQueries: false,
    context: (request) => opts.buildContext(requestInfo(request)),
    errorFormatter: (execution, ctx) => {
      const context = ctx as unknown as Partial<GatewayContext> & { reply?: { log: GatewayContext['log'] } };
      const log = context.log ?? context.reply?.log;
      // validation failures arrive wrapped in one MER_ERR_GQL_VALIDATION error holding the real ones
      const flat = execution.errors.flatMap((e) => {
        const inner = (e.originalError as { errors?: GraphQLError[] } | undefined)?.errors;
        return Array.isArray(inner) ? inner : [e];
      });
      const errors = collapseSourceErrors(flat.map((e) => formatGraphQLError(e as GraphQLError, log, context.transactionId, { production: opts.production })));
      const statusCode = execution.data ? 200 : errors.some((e) => e.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' || e.extensions?.code === 'GRAPHQL_PARSE_FAILED') ? 400 : 200;
      return { statusCode, response: { data: execution.data ?? null, errors } } as never;
    },
  });
  app.graphql.addHook('onResolution', async (execution, context) => {
    const warnings = (context as unknown as GatewayContext).warnings;
    if (warnings?.length) execution.extensions = { ...execution.extensions, warnings };
  });
};
