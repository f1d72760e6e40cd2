import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { requestInfo, type EngineAdapter } from './types';
import type { GatewayContext } from '../../context/context';
import { classifyResolverError, formatGraphQLError } from '../../graphql/errors';
import { collapseSourceErrors } from '../../graphql/collapse-source-errors';

/**
 * Apollo Server 5 — the alternative engine (GATEWAY_ENGINE=apollo), mounted on the same Fastify app through
 * Apollo's documented integration API (executeHTTPGraphQLRequest), so routes, hooks and the context factory
 * are shared with Mercurius.
 */
export const apolloEngine: EngineAdapter = async (app, opts) => {
  const server = new ApolloServer<GatewayContext>({
    schema: opts.schema,
    introspection: !opts.production,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      {
        async requestDidStart() {
          return {
            async didEncounterErrors({ errors, contextValue }) {
              // unexpected errors are logged here, where the request's logger and transaction id are at hand
              for (const e of errors) if (e.originalError && classifyResolverError(e.originalError).internal) formatGraphQLError(e, contextValue.log, contextValue.transactionId);
            },
            async willSendResponse({ response, contextValue }) {
              if (response.body.kind === 'single' && response.body.singleResult.errors) {
                response.body.singleResult.errors = collapseSourceErrors(response.body.singleResult.errors);
              }
              if (response.body.kind === 'single' && contextValue.warnings?.length) {
                response.body.singleResult.extensions = { ...response.body.singleResult.extensions, warnings: contextValue.warnings };
              }
            },
          };
        },
      },
    ],
    // resolver errors get the shared catalogue; parse/validation/coercion errors keep graphql-js's message
    formatError: (formatted: GraphQLFormattedError, error: unknown) => (error instanceof GraphQLError ? formatGraphQLError(error, undefined, undefined, { production: opts.production }) : formatted),
  });
  await server.start();
  app.addHook('onClose', async () => server.stop());

  const handler = async (request: import('fastify').FastifyRequest, reply: import('fastify').FastifyReply) => {
    const headers = new HeaderMap();
    for (const [k, v] of Object.entries(request.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
    const res = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: request.method.toUpperCase(), headers, search: new URL(request.url, 'http://x').search, body: request.body },
      context: async () => opts.buildContext(requestInfo(request)),
    });
    for (const [k, v] of res.headers) reply.header(k, v);
    reply.code(res.status ?? 200);
    if (res.body.kind === 'complete') return reply.send(res.body.string);
    let out = '';
    for await (const chunk of res.body.asyncIterator) out += chunk;
    return reply.send(out);
  };
  app.route({ method: ['GET', 'POST'], url: '/graphql', handler });
};
