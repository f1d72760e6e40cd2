import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { loadTypeDefs } from './type-defs';
import { resolverMaps } from '../../resolvers';

/** The one executable schema both engines serve. */
export function buildSchema(): GraphQLSchema {
  return makeExecutableSchema({ typeDefs: loadTypeDefs(), resolvers: resolverMaps as never, inheritResolversFromInterfaces: true });
}
