import type { Resolvers } from '../src/graphql/generated/resolvers-types';
import { toGlobalId } from '../src/graphql/global-id';
import { toConnection } from '../src/graphql/connection';
import { listArgs } from './pagination';

export const leverandoerResolvers: Resolvers = {
  Query: {
    leverandoerer: async (_p, args, ctx) => {
      const { page } = listArgs(args, 'LEVERANDOER_ID' as const, ctx, 'leverandoerer');
      const f = ctx.sources.fagsystem;
      return toConnection(await f.listLeverandoerer({ filter: {}, order: { field: 'LEVERANDOER_ID', direction: 'ASC' }, page }), page, () =>
        f.countLeverandoerer(),
      );
    },
  },
  Leverandoer: {
    id: (l) => toGlobalId('Leverandoer', l.id),
    adresse: (l) => ({ adresse: l.adresse, postnummer: l.postnummer, bynavn: l.bynavn }),
    tilbud: (l, _a, ctx) => ctx.reads.links.tilbud(l),
    produktionsenhed: (l, _a, ctx) => (l.pnummer ? ctx.sources.serviceplatformen.produktionsenhed.load(l.pnummer) : null),
    kreditorer: async (l, _a, ctx) => {
      // the fagsystem knows the P-nummer, the economy system knows CVR (src/reconcile/read/provider-links.ts)
      const cvr = await ctx.reads.links.cvr(l);
      return cvr ? ctx.sources.oekonomi.kreditorerByCvr.load(cvr.cvr) : [];
    },
    indsatser: async (l, args, ctx) => {
      const { page } = listArgs(args, 'INDSATS_ID' as const, ctx, `leverandoer:${l.id}:indsatser`);
      const filter = { leverandoerIds: [l.id], status: args.status ?? undefined };
      const f = ctx.sources.fagsystem;
      return toConnection(await f.listIndsatser({ filter, order: { field: 'INDSATS_ID', direction: 'ASC' }, page }), page, () => f.countIndsatser(filter));
    },
  },
  Tilbud: {
    adresse: (t) => ({ adresse: t.adresse, postnummer: t.postnummer, bynavn: t.bynavn }),
    takster: (t, { aar }) => (aar ? t.takster.filter((k) => k.aar === aar) : t.takster),
  },
  Produktionsenhed: {
    adresse: (p) => ({ adresse: p.adresse, postnummer: p.postnummer, bynavn: p.bynavn }),
    virksomhed: (p, _a, ctx) => (p.cvr ? ctx.sources.serviceplatformen.virksomhed.load(p.cvr) : null),
  },
  CvrVirksomhed: {
    adresse: (v) => ({ adresse: v.adresse, postnummer: v.postnummer, bynavn: v.bynavn }),
    produktionsenheder: (v) => v.produktionsenheder.map((p) => ({ ...p, cvr: p.cvr ?? v.cvr })),
  },
};
