import type { Resolvers } from '../src/graphql/generated/resolvers-types';
import { toGlobalId } from '../src/graphql/global-id';
import { TILBUDSTYPER, tilbudstypeByKode } from '../src/domain/codes/tilbudstyper';
import { ydelseByKode } from '../src/domain/codes/ydelser';
import { toConnection } from '../src/graphql/connection';
import { fromOere } from '../src/domain/money';
import { indsatsFilter } from './filters';
import { listArgs } from './pagination';
import { required } from './required';
import { paragraf } from './sag';

export const indsatsResolvers: Resolvers = {
  Query: {
    indsatser: async (_p, args, ctx) => {
      const filter = indsatsFilter(args.filter);
      const { page, order } = listArgs(args, 'INDSATS_ID', ctx, 'indsatser');
      const f = ctx.sources.fagsystem;
      return toConnection(await f.listIndsatser({ filter, order, page }), page, () => f.countIndsatser(filter));
    },
    tilbudstyper: () => [...TILBUDSTYPER],
  },
  Indsats: {
    id: (i) => toGlobalId('Indsats', i.id),
    sag: async (i, _a, ctx) => required(await ctx.sources.fagsystem.sag.load(i.sagId), 'Sag'),
    afgoerelse: async (i, _a, ctx) => required(await ctx.sources.fagsystem.afgoerelse.load(i.afgoerelseId), 'Afgoerelse'),
    paragraf: (i) => paragraf(i.paragraf),
    tilbudstype: (i) => tilbudstypeByKode(i.tilbudstype) ?? { kode: i.tilbudstype, navn: i.tilbudstype, paragraffer: [] },
    leverandoer: async (i, _a, ctx) => required(await ctx.sources.fagsystem.leverandoer.load(i.leverandoerId), 'Leverandoer'),
    ydelser: (i, _a, ctx) => ctx.sources.fagsystem.ydelserByIndsats.load(i.id),
    udenSlutdato: (i) => i.forventetSlut === null,
    omfang: (i) => i,
    bestillinger: (i, _a, ctx) => ctx.sources.fagsystem.bestillingerByIndsats.load(i.id),
    priser: (i) => i,
    betalinger: async (i, { periode }, ctx) => {
      const matches = await ctx.sources.reconciled.matchesByIndsats.load(i.id);
      const inPeriod = matches.filter((m) => (!periode?.til || m.periodeFra <= periode.til) && (!periode?.fra || m.periodeTil >= periode.fra));
      const posteringer = await ctx.sources.oekonomi.postering.loadMany(inPeriod.map((m) => m.posteringId));
      return inPeriod.flatMap((m, k) => {
        const p = posteringer[k];
        if (p instanceof Error) throw p;
        // a posting matched earlier but gone from the ledger since is not shown as a payment
        return p ? [{ postering: p, matchregel: m.regel }] : [];
      });
    },
    indsatsmaal: (i, _a, ctx) => ctx.sources.fagsystem.indsatsmaalByIndsats.load(i.id),
    opfoelgninger: (i, _a, ctx) => ctx.sources.fagsystem.opfoelgningerByIndsats.load(i.id),
  },
  Omfang: {
    antalEnheder: (i) => i.antalEnheder,
  },
  Ydelse: {
    kode: (y) => y.ydelseskode,
    navn: (y) => ydelseByKode(y.ydelseskode)?.navn ?? y.ydelseskode,
  },
  Bestilling: {
    id: (b) => toGlobalId('Bestilling', b.id),
    leverandoer: async (b, _a, ctx) => required(await ctx.sources.fagsystem.leverandoer.load(b.leverandoerId), 'Leverandoer'),
  },
  Betaling: {
    id: (b) => toGlobalId('Betaling', b.postering.id),
    bilagsnr: (b) => b.postering.bilagsnr,
    bilagsdato: (b) => b.postering.bilagsdato,
    konto: (b) => b.postering.konto,
    art: (b) => b.postering.art,
    beloeb: (b) => b.postering.beloeb,
    periodeFra: (b) => b.postering.periodeFra,
    periodeTil: (b) => b.postering.periodeTil,
    tekst: (b) => b.postering.tekst,
    kreditor: (b, _a, ctx) => (b.postering.kreditorNr ? ctx.sources.oekonomi.kreditor.load(b.postering.kreditorNr) : null),
  },
  Kreditor: {
    adresse: (k) => ({ adresse: k.adresse, postnummer: k.postnummer, bynavn: k.bynavn }),
  },
  ForventetPris: {
    basisindsatspris: (p) => fromOere(p.basisindsatspris),
    prMaaned: (p) => fromOere(p.prMaaned),
    samletIndsats: (p) => (p.samletIndsats === null ? null : fromOere(p.samletIndsats)),
  },
  FaktiskPris: {
    iAlt: (p) => fromOere(p.iAlt),
    indevaerendeAar: (p) => fromOere(p.indevaerendeAar),
    prMaaned: (p) => p.prMaaned.map((m) => ({ maaned: m.maaned, beloeb: fromOere(m.beloeb) })),
  },
};
