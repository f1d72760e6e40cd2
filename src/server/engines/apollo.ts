import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLError, type DocumentNode, type GraphQLFormattedError } from 'graphql';
import type { GatewayContext } from '../../context/context';
import { classifyResolverError, formatGraphQLError } from '../../graphql/errors';
import { collapseSourceErrors } from '../../graphql/collapse-source-errors';
import { registerGraphqlRoute } from '../graphql-http';
import { requestInfo, type EngineAdapter } from './types';
import { accessLogRefusal } from './access-gate';
import { adaptiveJitGateway } from './apollo-jit';

/**
 * Apollo Server 5 — the alternative engine (GATEWAY_ENGINE=apollo), mounted on the same Fastify app through
 * Apollo's documented integration API (executeHTTPGraphQLRequest), so routes, hooks and the context factory
 * are shared with Mercurius. Apollo never reads the URL or parses the text: it gets the parameters the shared
 * route decoded once, and the document the guards parsed and checked is set on the request before Apollo would
 * parse (its document store is off, so nothing replaces it); the guards ran graphql-js's validation on it.
 */
// on the context object itself: Apollo shallow-clones the context per operation, so a WeakMap key would miss
const CHECKED_DOCUMENT = Symbol("the guards' document");

export const apolloEngine: EngineAdapter = async (app, opts) => {
  const server = new ApolloServer<GatewayContext>({
    gateway: adaptiveJitGateway(opts.schema), // the local schema, executed with adaptive jit (./apollo-jit)
    introspection: !opts.production,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    documentStore: null,
    persistedQueries: false, // registered operations are resolved by the guards (src/access/safelist)
    // the README's header for GET; the shared route hands Apollo JSON, which passes this check anyway
    csrfPrevention: { requestHeaders: ['x-graphql-csrf', 'apollo-require-preflight', 'x-apollo-operation-name'] },
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      {
        async requestDidStart() {
          return {
            async didResolveSource(requestContext) {
              const document = (requestContext.contextValue as { [CHECKED_DOCUMENT]?: DocumentNode })[CHECKED_DOCUMENT];
              if (!document) throw new Error("invariant: Apollo request without the guards' document");
              (requestContext as { document?: DocumentNode }).document = document;
            },
            async didEncounterErrors({ errors, contextValue }) {
              // unexpected errors are logged here, where the request's logger and transaction id are at hand
              for (const e of errors)
                if (e.originalError && classifyResolverError(e.originalError).internal) formatGraphQLError(e, contextValue.log, contextValue.transactionId);
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
    formatError: (formatted: GraphQLFormattedError, error: unknown) =>
      withoutHttp(error instanceof GraphQLError ? formatGraphQLError(error, undefined, undefined, { production: opts.production }) : formatted),
  });
  await server.start();
  app.addHook('onClose', async () => server.stop());

  registerGraphqlRoute(app, async (request, reply) => {
    const info = requestInfo(request);
    const context = opts.buildContext(info);
    (context as { [CHECKED_DOCUMENT]?: DocumentNode })[CHECKED_DOCUMENT] = request.gate!.document; // set: requestInfo refuses a request the guards did not pass
    const { query, variables, operationName, extensions } = request.gate!.params;
    const { persistedQuery: _resolvedByTheGuards, ...otherExtensions } = extensions ?? {};
    const headers = new HeaderMap([['content-type', 'application/json']]);
    if (request.headers.accept) headers.set('accept', request.headers.accept);
    const res = await server.executeHTTPGraphQLRequest({
      // absent stays absent (Apollo refuses a key that is present but undefined)
      httpGraphQLRequest: {
        method: 'POST',
        headers,
        search: '',
        body: { query, ...(variables ? { variables } : {}), ...(operationName ? { operationName } : {}), extensions: otherExtensions },
      },
      context: async () => context,
    });
    for (const [k, v] of res.headers) reply.header(k, v);
    let out = '';
    if (res.body.kind === 'complete') out = res.body.string;
    else for await (const chunk of res.body.asyncIterator) out += chunk;
    const refused = await accessLogRefusal(context);
    if (refused) return reply.code(200).send(JSON.stringify({ data: null, errors: [refused] }));
    reply.code(res.status ?? 200);
    return reply.send(out);
  });
};

/** Apollo keeps an error's intended HTTP status in `extensions.http`; it is not for the client. */
function withoutHttp(e: GraphQLFormattedError): GraphQLFormattedError {
  if (!e.extensions || !('http' in e.extensions)) return e;
  const { http: _http, ...extensions } = e.extensions;
  return { ...e, extensions };
}
