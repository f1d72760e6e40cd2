import type { Resolvers } from '../src/graphql/generated/resolvers-types';

export const adgangResolvers: Resolvers = {
  Query: {
    adgangslog: (_p, { cpr, periode }, ctx) => ctx.access.readLog(cpr, periode),
  },
  Borger: {
    pseudonym: (b, _a, ctx) => ctx.access.pseudonym(b.cpr),
  },
};
