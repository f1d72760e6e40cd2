import type { GraphQLResolveInfo } from 'graphql';
import type { Resolvers } from '../src/graphql/generated/resolvers-types';
import { toGlobalId } from '../src/graphql/global-id';
import { PARAGRAFFER, paragrafByKode, type Paragraf } from '../src/domain/codes/paragraffer';
import { toConnection } from '../src/graphql/connection';
import type { Borger } from '../src/domain/model/borger';
import type { Sag } from '../src/domain/model/sag';
import { selectsOnlyId } from '../src/graphql/only-id';
import { sagFilter } from './filters';
import { listArgs } from './pagination';
import { required } from './required';

/** An unknown paragraph code in a source is shown as itself rather than failing the case. */
export function paragraf(kode: string): Paragraf {
  return (
    paragrafByKode(kode) ??
    ({ kode, betegnelse: kode, lov: 'serviceloven', beskrivelse: kode, konto: '', kontotekst: '', personhenfoert: false } satisfies Paragraf)
  );
}

/**
 * `borger { id }` on a case read with its citizen's CPR (a case by sagsnummer, a page of cases): the id is the
 * case's own borger_id and the CPR the access log records came with the case's row, so the citizen's row is
 * not read — one statement less on the single-case path. Safe by the row rule: a citizen is visible exactly
 * when a visible case names them (connectors/fagsystem/scope.ts), and this case was read under that rule.
 * Any other field of the citizen, or a case read without the CPR, reads the row as before.
 */
function citizenOfCase(s: Sag, info: GraphQLResolveInfo): Borger | null {
  if (s.borgerCpr === undefined || !selectsOnlyId(info)) return null;
  // only `id` (and __typename) is resolved on it, and the field policy reads `cpr` for the access log
  return { id: s.borgerId, cpr: s.borgerCpr } as Pick<Borger, 'id' | 'cpr'> as Borger;
}

export const sagResolvers: Resolvers = {
  Query: {
    sag: (_p, { sagsnummer }, ctx) => ctx.sources.fagsystem.sagBySagsnummer.load(sagsnummer),
    sager: async (_p, args, ctx) => {
      const filter = sagFilter(args.filter);
      const { page, order } = listArgs(args, 'SAG_AABNET', ctx, 'sager');
      const f = ctx.sources.fagsystem;
      return toConnection(await f.listSager({ filter, order, page }), page, () => f.countSager(filter));
    },
    paragraffer: () => [...PARAGRAFFER],
  },
  Sag: {
    id: (s) => toGlobalId('Sag', s.id),
    borger: async (s, _a, ctx, info) => citizenOfCase(s, info) ?? required(await ctx.sources.fagsystem.borger.load(s.borgerId), 'Borger'),
    team: async (s, _a, ctx) => required(await ctx.sources.fagsystem.team.load(s.teamId), 'Team'),
    sagsbehandler: async (s, _a, ctx) => required(await ctx.sources.fagsystem.sagsbehandler.load(s.sagsbehandlerId), 'Sagsbehandler'),
    afgoerelser: (s, _a, ctx) => ctx.sources.fagsystem.afgoerelserBySag.load(s.id),
    indsatser: async (s, { status }, ctx) => {
      const all = await ctx.sources.fagsystem.indsatserBySag.load(s.id);
      return status?.length ? all.filter((i) => status.includes(i.status)) : all;
    },
  },
  Afgoerelse: {
    id: (a) => toGlobalId('Afgoerelse', a.id),
    sag: async (a, _x, ctx) => required(await ctx.sources.fagsystem.sag.load(a.sagId), 'Sag'),
    paragraf: (a) => paragraf(a.paragraf),
    indsatser: (a, _x, ctx) => ctx.sources.fagsystem.indsatserByAfgoerelse.load(a.id),
  },
};
