import type { Resolvers } from '../src/graphql/generated/resolvers-types';

/** Provenance: each source's value of an attribute, the chosen one, and the provider's identity across systems. */
export const proveniensResolvers: Resolvers = {
  AttributProveniens: {
    valgt: (p) => p.valgt?.vaerdi ?? null,
    valgtKilde: (p) => p.valgt?.kilde ?? null,
    politik: (p) => [...p.politik],
  },
  Kildevaerdi: {
    utilgaengelig: (v) => !!v.utilgaengelig,
  },
  Leverandoer: {
    proveniens: (l, _a, ctx) => ctx.reads.provenance.leverandoer(l),
    identitet: (l) => l,
  },
  LeverandoerIdentitet: {
    pnummer: (l) => l.pnummer,
    cvr: async (l, _a, ctx) => (await ctx.reads.links.cvr(l))?.cvr ?? null,
    cvrKilde: async (l, _a, ctx) => (await ctx.reads.links.cvr(l))?.kilde ?? null,
    tilbudsid: async (l, _a, ctx) => l.tilbudsid ?? (await ctx.reads.links.tilbud(l))?.tilbudsid ?? null,
    afdelingsid: async (l, _a, ctx) => l.afdelingsid ?? (await ctx.reads.links.tilbud(l))?.afdelingsid ?? null,
    kreditorer: (l, _a, ctx) => ctx.sources.reconciled.kreditorerByLeverandoer.load(l.id),
  },
  KreditorLink: {
    kreditor: (k, _a, ctx) => ctx.sources.oekonomi.kreditor.load(k.kreditorNr),
  },
  Borger: {
    proveniens: (b) => b,
  },
  BorgerProveniens: {
    adresse: async (b, _a, ctx) => (await ctx.reads.provenance.borger(b)).adresse,
    kommunekode: async (b, _a, ctx) => (await ctx.reads.provenance.borger(b)).kommunekode,
    adressebeskyttelse: async (b, _a, ctx) => (await ctx.reads.provenance.borger(b)).beskyttet,
  },
  Priser: {
    kontraktProveniens: (i, _a, ctx) => ctx.reads.provenance.kontraktpris(i),
  },
};
