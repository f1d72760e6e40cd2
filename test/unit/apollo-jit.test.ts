import { describe, expect, it } from 'vitest';
import { ApolloServer } from '@apollo/server';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { adaptiveJitGateway } from '../../src/server/engines/apollo-jit';

/**
 * Apollo runs a document on graphql-js the first two times and compiled from the compile turn after the
 * second: the answers are the same either way, including a resolver error and an abstract type; a document
 * asked once is never compiled.
 */
const schema = makeExecutableSchema({
  typeDefs: `
    interface Node { id: ID! }
    type Sag implements Node { id: ID! sagsnummer: String! }
    type Query { node(id: ID!): Node, fejl: String, hilsen(navn: String!): String! }`,
  resolvers: {
    Node: { __resolveType: () => 'Sag' },
    Query: {
      node: (_: unknown, { id }: { id: string }) => ({ id, sagsnummer: `S-${id}` }),
      fejl: () => {
        throw new Error('kilden svarede ikke');
      },
      hilsen: (_: unknown, { navn }: { navn: string }, ctx: { prefix: string }) => `${ctx.prefix} ${navn}`,
    },
  },
});
const turn = () => new Promise<void>((r) => setImmediate(r));

describe('Apollo adaptive jit', () => {
  it('compiles a repeated document after its second run and answers the same, errors and abstract types included', async () => {
    const gateway = adaptiveJitGateway(schema);
    const server = new ApolloServer<{ prefix: string }>({ gateway });
    await server.start();
    const query = `query($n: String!) { node(id: "7") { id ... on Sag { sagsnummer } } fejl hilsen(navn: $n) }`;
    const run = async () => {
      const res = await server.executeOperation({ query, variables: { n: 'Ane' } }, { contextValue: { prefix: 'Hej' } });
      return res.body.kind === 'single' ? res.body.singleResult : null;
    };
    const first = await run();
    expect(first?.data).toEqual({ node: { id: '7', sagsnummer: 'S-7' }, fejl: null, hilsen: 'Hej Ane' });
    expect(first?.errors?.[0]?.message).toBe('kilden svarede ikke');
    await turn();
    expect(gateway.compiledDocuments()).toBe(0); // seen once: not compiled
    expect(await run()).toEqual(first);
    await turn();
    expect(gateway.compiledDocuments()).toBe(1);
    for (let i = 0; i < 3; i++) expect(await run()).toEqual(first);
    await server.stop();
  });
});
