import type { Resolvers } from '../src/graphql/generated/resolvers-types';
import { runAnalyse } from '../src/analytics/analyse';
import { analyseFilter } from '../src/analytics/input';
import { overlappendeYdelser, rettidigOpfoelgning, sagsbehandlingstid } from '../src/analytics/questions';
import type { Maal } from '../src/analytics/planner/types';
import { budgetopfoelgning } from '../src/analytics/budget/budgetopfoelgning';
import { prisForBorger, prisForIndsats, type PrisSources } from '../src/analytics/pris-indevaerende-aar';
import type { GatewayContext } from '../src/context/context';
import { fromOere } from '../src/domain/money';

const prisSources = (ctx: GatewayContext): PrisSources => ({
  bestillingerByIndsats: ctx.sources.fagsystem.bestillingerByIndsats,
  matchesByIndsats: ctx.sources.reconciled.matchesByIndsats,
  sagerByBorger: ctx.sources.fagsystem.sagerByBorger,
  indsatserBySag: ctx.sources.fagsystem.indsatserBySag,
});

const label = (m: Maal) => (m.felt ? `${m.funktion}(${m.felt})` : m.funktion);

/** Aggregate questions: arguments → one planned statement (src/analytics). */
export const analyseResolvers: Resolvers = {
  Query: {
    analyse: (_p, a, ctx) =>
      runAnalyse(ctx.analytics, {
        emne: a.emne,
        maal: a.maal.map((m) => ({ funktion: m.funktion, felt: m.felt ?? null })),
        grupperPaa: a.grupperPaa ?? [],
        filter: analyseFilter(a.filter),
        sorterEfter: a.sorterEfter ? { maal: a.sorterEfter.maal, retning: a.sorterEfter.retning ?? 'DESC' } : null,
        foerste: a.foerste ?? null,
      }),
    rettidigOpfoelgning: (_p, a, ctx) => runAnalyse(ctx.analytics, rettidigOpfoelgning(a.grupperPaa ?? [], analyseFilter(a.filter)), 'rettidigOpfoelgning'),
    overlappendeYdelser: (_p, a, ctx) => runAnalyse(ctx.analytics, overlappendeYdelser(a.grupperPaa ?? [], analyseFilter(a.filter)), 'overlappendeYdelser'),
    budgetopfoelgning: (_p, a, ctx) => budgetopfoelgning(ctx.analytics, { aar: a.aar, tilMaaned: a.tilMaaned, konti: a.konti }),
    sagsbehandlingstid: (_p, a, ctx) => runAnalyse(ctx.analytics, sagsbehandlingstid(a.grupperPaa ?? [], analyseFilter(a.filter)), 'sagsbehandlingstid'),
  },
  Indsats: {
    prisIndevaerendeAar: (i, _a, ctx) => prisForIndsats(prisSources(ctx), i, ctx.today()),
  },
  Borger: {
    prisIndevaerendeAar: (b, _a, ctx) => prisForBorger(prisSources(ctx), b.id, ctx.today()),
  },
  PrisIndevaerendeAar: {
    forventet: (p) => fromOere(p.forventet),
    kontrakt: (p) => (p.kontrakt === null ? null : fromOere(p.kontrakt)),
    betalt: (p) => fromOere(p.betalt),
  },
  Afvigelse: {
    kandidater: async (a, _args, ctx) => {
      const ids = (a.detaljer as { kandidatIndsatser?: unknown } | null | undefined)?.kandidatIndsatser;
      if (!Array.isArray(ids) || !ids.length) return [];
      const rows = await ctx.sources.fagsystem.indsats.loadMany(ids.map(Number));
      return rows.filter((r): r is Exclude<typeof r, null | Error> => r !== null && !(r instanceof Error));
    },
  },
  Analyseresultat: {
    maal: (r) => r.maal.map(label),
  },
};
