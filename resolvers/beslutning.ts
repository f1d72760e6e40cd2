import type { Resolvers } from '../src/graphql/generated/resolvers-types';
import { toGlobalId } from '../src/graphql/global-id';
import { opaqueId } from './opaque-id';

/** Manual decisions by economy staff on payment matches, and the state they leave a posting in. */
export const beslutningResolvers: Resolvers = {
  ManuelBeslutning: {
    id: (d) => opaqueId('Beslutning', d.beslutningId),
    indsats: (d, _a, ctx) => (d.indsatsId === null ? null : ctx.sources.fagsystem.indsats.load(d.indsatsId)),
    tidligereIndsats: (d, _a, ctx) => (d.tidligereIndsatsId === null ? null : ctx.sources.fagsystem.indsats.load(d.tidligereIndsatsId)),
    tidspunkt: (d) => d.tidspunkt,
  },
  ManuelBeslutningTilstand: {
    postering: (s) => toGlobalId('Betaling', s.posteringId),
    tildeltIndsats: (s, _a, ctx) => (s.tildeltIndsatsId === null ? null : ctx.sources.fagsystem.indsats.load(s.tildeltIndsatsId)),
    afvisteIndsatser: async (s, _a, ctx) => {
      const found = await ctx.sources.fagsystem.indsats.loadMany(s.afvisteIndsatser);
      return found.flatMap((x) => {
        if (x instanceof Error) throw x;
        return x ? [x] : [];
      });
    },
    historik: (s, _a, ctx) => ctx.sources.reconciled.beslutningerByPostering.load(s.posteringId),
    afstemning: (s, _a, ctx) => ctx.sources.reconciled.matchByPostering.load(s.posteringId),
  },
  ManuelBeslutningResultat: {
    beslutning: (r) => r.beslutning,
    tilstand: (r) => r.tilstand,
  },
};
