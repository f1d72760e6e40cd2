import type { Resolvers } from '../src/graphql/generated/resolvers-types';
import { checkCpr, alderPaaDato, type Cpr } from '../src/domain/identifiers/cpr';
import { MAALGRUPPER, maalgruppeByKode } from '../src/domain/codes/maalgrupper';
import { toConnection } from '../src/graphql/connection';
import { mayShowAddress } from '../src/access/address-protection';
import { borgerFilter } from './filters';
import { listArgs } from './pagination';

export const borgerResolvers: Resolvers = {
  Query: {
    borger: (_p, { cpr }, ctx) => ctx.sources.fagsystem.borgerByCpr.load(cpr),
    borgere: async (_p, args, ctx) => {
      const filter = borgerFilter(args.filter);
      const { page, order } = listArgs(args, 'BORGER_ID', ctx, 'borgere');
      const f = ctx.sources.fagsystem;
      return toConnection(await f.listBorgere({ filter, order, page }), page, () => f.countBorgere(filter));
    },
    maalgrupper: () => [...MAALGRUPPER],
  },
  Borger: {
    id: (b, _a, ctx) => ctx.access.borgerGlobalId(b.id),
    cpr: (b) => b.cpr,
    foedselsdato: (b) => checkCpr(b.cpr).foedselsdato,
    alder: (b, _a, ctx) => alderPaaDato(b.cpr as Cpr, ctx.today()),
    adresse: async (b, _a, ctx) => {
      // Name-and-address protection lives in the CPR register, not in the fagsystem: ask it before showing
      // the fagsystem's address. If Serviceplatformen cannot answer, the address is not shown (fail closed).
      const person = await ctx.sources.serviceplatformen.person.load(b.cpr);
      if (!mayShowAddress(ctx, person)) return null;
      return { adresse: b.adresse, postnummer: b.postnummer, bynavn: b.bynavn };
    },
    cprRegister: (b, _a, ctx) => ctx.sources.serviceplatformen.person.load(b.cpr),
    maalgrupper: (b, _a, ctx) => ctx.sources.fagsystem.maalgrupperByBorger.load(b.id),
    sager: async (b, { status }, ctx) => {
      const sager = await ctx.sources.fagsystem.sagerByBorger.load(b.id);
      return status ? sager.filter((s) => s.status === status) : sager;
    },
    funktionsevnevurderinger: (b, _a, ctx) => ctx.sources.fagsystem.funktionsevneByBorger.load(b.id),
    stoettebehov: (b, _a, ctx) => ctx.sources.fagsystem.stoettebehovByBorger.load(b.id),
  },
  CprOplysninger: {
    adresse: (p, _a, ctx) => (mayShowAddress(ctx, p) ? { adresse: `${p.vejnavn} ${p.husnummer}`, postnummer: p.postnummer, bynavn: p.bynavn } : null),
  },
  BorgerMaalgruppe: {
    maalgruppe: (m) => maalgruppeByKode(m.maalgruppeKode) ?? { kode: m.maalgruppeKode, navn: m.maalgruppeKode, overordnet: null },
  },
  Maalgruppe: {
    overordnet: (m) => (m.overordnet ? (maalgruppeByKode(m.overordnet) ?? null) : null),
  },
};
