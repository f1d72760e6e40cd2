import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { execute, GraphQLError, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

/**
 * Adaptive jit for Apollo Server, as Mercurius does it (`jit: { minCount: 1 }`): a document seen twice is
 * compiled with graphql-jit off the request path, and runs compiled from then on; a one-off document never
 * pays the compile. Apollo has no jit option, but its documented gateway interface
 * (@apollo/server-gateway-interface) lets a server supply the executor, which is what this is: it serves the
 * one local schema and never changes it.
 *
 * Why this is safe to hand any request: the guards ran graphql-js's validation and variable coercion on the
 * very document object Apollo executes (src/server/validate-once), so a compiled run only ever sees a valid
 * document with variables graphql-js accepted; the jit test compares compiled answers with graphql-js's on
 * every access path. A document that graphql-jit cannot compile keeps running on graphql-js.
 */
interface Seen {
  count: number;
  compiled: CompiledQuery | null;
  queued: boolean;
}

/** Documents are keyed by object: the guards' cache hands out the same DocumentNode for a repeated query text. */
type SeenByOperation = Map<string, Seen>;

export interface AdaptiveJitGateway extends GatewayInterface {
  /** how many documents run compiled (for tests and diagnostics) */
  compiledDocuments(): number;
}

export function adaptiveJitGateway(schema: GraphQLSchema): AdaptiveJitGateway {
  const seen = new WeakMap<DocumentNode, SeenByOperation>();
  const compileQueue: Array<{ entry: Seen; document: DocumentNode; operationName: string | undefined }> = [];
  let compileScheduled = false;
  let compiledDocuments = 0;

  // one compile per turn of the event loop, so a burst of new documents never stalls the requests in flight
  const compileNext = () => {
    compileScheduled = false;
    const next = compileQueue.shift();
    if (next) {
      const result = compileQuery(schema, next.document, next.operationName);
      // a document graphql-jit cannot compile stays queued-for-good: it keeps running on graphql-js, never retried
      if (isCompiledQuery(result)) {
        next.entry.compiled = result;
        compiledDocuments++;
      }
    }
    if (compileQueue.length) schedule();
  };
  const schedule = () => {
    if (compileScheduled) return;
    compileScheduled = true;
    setImmediate(compileNext).unref();
  };

  const entryFor = (document: DocumentNode, operationName: string | undefined): Seen => {
    let byOperation = seen.get(document);
    if (!byOperation) seen.set(document, (byOperation = new Map()));
    const key = operationName ?? '';
    let entry = byOperation.get(key);
    if (!entry) byOperation.set(key, (entry = { count: 0, compiled: null, queued: false }));
    return entry;
  };

  const executor: GatewayExecutor = async (requestContext) => {
    const document = requestContext.document;
    const operationName = requestContext.request.operationName ?? undefined;
    const variables = requestContext.request.variables ?? {};
    const entry = entryFor(document, operationName);
    if (entry.compiled) return asGraphqlJsErrors((await entry.compiled.query(undefined, requestContext.context, variables)) as ExecutionResult);
    entry.count++;
    if (entry.count >= 2 && !entry.queued) {
      entry.queued = true;
      compileQueue.push({ entry, document, operationName });
      schedule();
    }
    return execute({ schema, document, contextValue: requestContext.context, variableValues: variables, operationName });
  };

  return {
    compiledDocuments: () => compiledDocuments,
    // Apollo asks for the schema through this callback before it serves; it never changes afterwards
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => {};
    },
    async load() {
      return { executor };
    },
    async stop() {
      compileQueue.length = 0;
    },
  };
}

/**
 * graphql-jit's errors are GraphQLError look-alikes without `extensions` when the resolver's error had none;
 * Apollo's error formatting reads `extensions.code` and would answer "Internal server error" for them. The
 * errors are rebuilt as graphql-js's, with the same message, path, locations and original error, so a
 * compiled run is formatted exactly as a graphql-js run.
 */
function asGraphqlJsErrors(result: ExecutionResult): ExecutionResult {
  if (!result.errors?.length) return result;
  const errors = result.errors.map((e) => {
    const rebuilt = new GraphQLError(e.message, { path: e.path, originalError: e.originalError, extensions: e.extensions });
    (rebuilt as { locations?: GraphQLError['locations'] }).locations = e.locations;
    return rebuilt;
  });
  return { ...result, errors };
}
