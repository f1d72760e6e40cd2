import type { FastifyInstance } from 'fastify';
import type { GraphQLSchema } from 'graphql';
import type { GatewayContext, RequestInfo } from '../../context/context';

/** What an engine adapter needs: the same schema and the same context factory for both engines. */
export interface EngineOptions {
  schema: GraphQLSchema;
  buildContext(req: RequestInfo): GatewayContext;
  production: boolean;
}

export type EngineAdapter = (app: FastifyInstance, opts: EngineOptions) => Promise<void>;
