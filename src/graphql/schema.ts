import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { resolverMaps } from '../../resolvers';
import { loadTypeDefs } from './type-defs';

/** The one executable schema both engines serve. */
export function buildSchema(): GraphQLSchema {
  return makeExecutableSchema({ typeDefs: loadTypeDefs(), resolvers: resolverMaps as never, inheritResolversFromInterfaces: true });
}
