import type { Resolvers } from '../src/graphql/generated/resolvers-types';
import type { GatewayContext } from '../src/context/context';
import type { Leverandoer, Tilbud } from '../src/domain/model';
import { toGlobalId } from '../src/graphql/global-id';
import { toConnection } from '../src/graphql/connection';
import { listArgs } from './pagination';

/** The provider's Tilbudsportalen department: by (tilbudsid, afdelingsid) when the fagsystem has them, else by P-nummer. */
export function tilbudFor(l: Leverandoer, ctx: GatewayContext): Promise<Tilbud | null> {
  const tp = ctx.sources.tilbudsportalen;
  if (l.tilbudsid !== null && l.afdelingsid !== null) return tp.afdeling.load(`${l.tilbudsid}:${l.afdelingsid}`);
  if (l.pnummer) return tp.afdelingByPnummer.load(l.pnummer);
  return Promise.resolve(null);
}

export const leverandoerResolvers: Resolvers = {
  Query: {
    leverandoerer: async (_p, args, ctx) => {
      const { page } = listArgs(args, 'LEVERANDOER_ID' as const, ctx, 'leverandoerer');
      const f = ctx.sources.fagsystem;
      return toConnection(await f.listLeverandoerer({ filter: {}, order: { field: 'LEVERANDOER_ID', direction: 'ASC' }, page }), page, () => f.countLeverandoerer());
    },
  },
  Leverandoer: {
    id: (l) => toGlobalId('Leverandoer', l.id),
    adresse: (l) => ({ adresse: l.adresse, postnummer: l.postnummer, bynavn: l.bynavn }),
    tilbud: (l, _a, ctx) => tilbudFor(l, ctx),
    produktionsenhed: (l, _a, ctx) => (l.pnummer ? ctx.sources.serviceplatformen.produktionsenhed.load(l.pnummer) : null),
    kreditorer: async (l, _a, ctx) => {
      // The fagsystem knows the P-nummer; the economy knows CVR. Tilbudsportalen links the two (else the CVR register).
      const tilbud = await tilbudFor(l, ctx);
      const cvr = tilbud?.cvr ?? (l.pnummer ? (await ctx.sources.serviceplatformen.produktionsenhed.load(l.pnummer))?.cvr : null);
      return cvr ? ctx.sources.oekonomi.kreditorerByCvr.load(cvr) : [];
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
