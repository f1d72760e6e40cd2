import type { Resolvers } from '../src/graphql/generated/resolvers-types';
import { kontraktKilde } from '../src/reconcile/rules/comparison/lines';
import { selectsOnlyId } from '../src/graphql/only-id';
import type { Leverandoer, Team } from '../src/domain/model';
import { glidningTaerskel } from './afstemning-args';
import { paragraf } from './sag';

/** Grouped price comparison and an indsats' own price line; the line's amounts are computed once per line (ctx.reads). */
export const prissammenligningResolvers: Resolvers = {
  PrissammenligningConnection: {
    nodes: (c) => c.lines,
    pageInfo: (c) => ({
      hasNextPage: c.hasNextPage,
      hasPreviousPage: c.offset > 0,
      startCursor: c.lines.length ? c.cursor.encode({ v: null, id: c.offset }) : null,
      endCursor: c.lines.length ? c.cursor.encode({ v: null, id: c.offset + c.lines.length }) : null,
    }),
    totalCount: (c) => c.totalCount(),
    iAlt: (c) => c.iAlt(),
    friskhed: (c) => c.friskhed(),
  },
  Prissammenligningslinje: {
    gruppe: (p) => p.gruppe,
    forventet: (p, _a, ctx) => ctx.reads.priceLine(p).forventet,
    kontraktFagsystem: (p, _a, ctx) => ctx.reads.priceLine(p).kontraktFagsystem,
    kontraktOekonomi: (p, _a, ctx) => ctx.reads.priceLine(p).kontraktOekonomi,
    takst: (p, _a, ctx) => ctx.reads.priceLine(p).takst,
    faktisk: (p, _a, ctx) => ctx.reads.priceLine(p).faktisk,
    kontrakt: (p, _a, ctx) => ctx.reads.priceLine(p).kontrakt,
    kontraktKilde: (p, _a, ctx) => ctx.reads.priceLine(p).kontraktKilde,
    faktiskVsKontrakt: (p, _a, ctx) => ctx.reads.priceLine(p).faktiskVsKontrakt,
    faktiskVsForventet: (p, _a, ctx) => ctx.reads.priceLine(p).faktiskVsForventet,
    kontraktVsForventet: (p, _a, ctx) => ctx.reads.priceLine(p).kontraktVsForventet,
    takstVsKontrakt: (p, _a, ctx) => ctx.reads.priceLine(p).takstVsKontrakt,
    kontraktOekonomiVsFagsystem: (p, _a, ctx) => ctx.reads.priceLine(p).kontraktOekonomiVsFagsystem,
    glidning: (p, _a, ctx) => ctx.reads.priceLine(p).glidning,
    glidningTaerskelProcent: (p) => p.glidningProcent,
    antalIndsatser: (p) => p.beloeb.antalIndsatser ?? p.antalIndsatser?.() ?? 0,
    antalPosteringer: (p) => p.beloeb.antalPosteringer,
  },
  Prisgruppe: {
    paragraf: (g) => (g.paragraf === null ? null : paragraf(g.paragraf)),
    // the store holds the keys: a selection of only `id` is answered without reading the fagsystem's rows
    leverandoer: (g, _a, ctx, info) =>
      g.leverandoerId === null
        ? null
        : selectsOnlyId(info)
          ? ({ id: g.leverandoerId } as Leverandoer)
          : ctx.sources.fagsystem.leverandoer.load(g.leverandoerId),
    team: (g, _a, ctx, info) => (g.teamId === null ? null : selectsOnlyId(info) ? ({ id: g.teamId } as Team) : ctx.sources.fagsystem.team.load(g.teamId)),
  },
  Priser: {
    sammenligning: async (i, args, ctx) => {
      const glidningProcent = glidningTaerskel(args.glidningTaerskelProcent);
      const b = await ctx.sources.reconciled.prisoversigtByIndsats.load(i.id);
      return b ? { beloeb: b, gruppe: null, glidningProcent, kontraktKilde: kontraktKilde(ctx.sources.reconciled.policy) } : null;
    },
  },
};
