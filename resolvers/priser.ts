import type { Resolvers } from '../src/graphql/generated/resolvers-types';
import { expectedPrice } from '../src/reconcile/rules/prices/expected-price';
import { actualPrice } from '../src/reconcile/rules/prices/actual-price';
import { monthlyTakst } from '../src/reconcile/rules/prices/takst-price';
import { fromOere } from '../src/domain/money';

/** Each price asks only its own system, so one system's outage nulls only its own price. */
export const priserResolvers: Resolvers = {
  Priser: {
    forventet: (i) => expectedPrice(i),
    kontraktFagsystem: async (i, _a, ctx) => (await ctx.reads.contracts.bestilling(i))?.kontraktprisPrMaaned ?? null,
    kontraktOekonomi: async (i, _a, ctx) => (await ctx.reads.contracts.oekonomiKontrakt(i))?.beloebPrMaaned ?? null,
    takst: async (i, _a, ctx) => {
      const leverandoer = await ctx.sources.fagsystem.leverandoer.load(i.leverandoerId);
      const tilbud = leverandoer ? await ctx.reads.links.tilbud(leverandoer) : null;
      if (!tilbud) return null;
      const ydelser = await ctx.sources.fagsystem.ydelserByIndsats.load(i.id);
      const takst = monthlyTakst({
        takster: tilbud.takster,
        aar: Number(ctx.today().slice(0, 4)),
        indsats: i,
        ydelseskoder: ydelser.map((y) => y.ydelseskode),
      });
      return takst === null ? null : fromOere(takst);
    },
    faktisk: async (i, _a, ctx) => actualPrice(await ctx.sources.reconciled.matchesByIndsats.load(i.id), ctx.today()),
  },
};
