import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { GraphQLSchema } from 'graphql';
import type { GatewayContext, RequestInfo } from '../../context/context';

/** What an engine adapter needs: the same schema and the same context factory for both engines. */
export interface EngineOptions {
  schema: GraphQLSchema;
  buildContext(req: RequestInfo): GatewayContext;
  production: boolean;
}

export type EngineAdapter = (app: FastifyInstance, opts: EngineOptions) => Promise<void>;

/** The engine-independent view of a request for the context factory; the guards have already run. */
export function requestInfo(request: FastifyRequest): RequestInfo {
  if (!request.gate) throw new Error('invariant: GraphQL request reached an engine without passing the guards');
  return { transactionId: request.id, headers: request.headers, log: request.log, gate: request.gate };
}
