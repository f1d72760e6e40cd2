import type { Resolvers } from '../src/graphql/generated/resolvers-types';
import type { PrisSortering, Prisdimension } from '../src/reconcile/rules/comparison/types';
import { DecisionError } from '../src/reconcile/rules/decisions/types';
import { ATTRIBUTTER } from '../src/domain/provenance-policy';
import { badInput } from '../src/graphql/errors';
import { toGlobalId } from '../src/graphql/global-id';
import { fromOere } from '../src/domain/money';
import { pageRequest } from '../src/pagination/cursor';
import { borgerIdsOf } from '../src/access/borger-ids';
import { afvigelseFilter, beslutningRequest, firstUpTo500, glidningTaerskel, numericId, prisFilter } from './afstemning-args';
import { prisSummer } from './prissammenligning-summer';

/**
 * Reconciliation (schema/afstemning.graphql): arguments are checked in afstemning-args.ts so bad input names
 * its argument; each resolver is then one call to a request read (src/reconcile/read) or a loader. The
 * types of the lists, provenance and decisions have their own files (afvigelse, prissammenligning,
 * proveniens, beslutning).
 */
export const afstemningResolvers: Resolvers = {
  Query: {
    afstemningsstatus: () => ({}),
    afvigelser: async (_p, args, ctx) => {
      const page = pageRequest(args, ctx.access.cursors('afvigelser'));
      const filter = afvigelseFilter(args.filter, (ids, argument) => borgerIdsOf(ctx, ids, argument));
      const list = await ctx.reads.lists.afvigelser({ filter, first: page.first, afterId: page.after?.id ?? null });
      return { ...list, hadCursor: !!page.after, cursor: page.cursor };
    },
    prissammenligning: async (_p, args, ctx, info) => {
      const page = pageRequest(args, ctx.access.cursors(`prissammenligning|${[...args.grupperPaa].join(',')}|${args.sorterEfter ?? 'GRUPPE'}`));
      const glidningProcent = glidningTaerskel(args.glidningTaerskelProcent);
      const filter = prisFilter(args.filter);
      const offset = page.after ? page.after.id : 0;
      const result = await ctx.reads.lists.prissammenligning({
        grupperPaa: args.grupperPaa as Prisdimension[],
        filter,
        glidningProcent,
        kunGlidning: args.kunGlidning ?? false,
        sortering: (args.sorterEfter ?? 'GRUPPE') as PrisSortering,
        page: { first: page.first, offset },
        summer: prisSummer(info),
      });
      return { ...result, offset, cursor: page.cursor };
    },
    afstemtPostering: (_p, args, ctx) => ctx.sources.reconciled.matchByPostering.load(numericId('Betaling', args.postering, 'postering')),
    manuelleBeslutninger: (_p, args, ctx) =>
      ctx.sources.reconciled.beslutningTilstande({ status: args.status ?? undefined, first: firstUpTo500(args.first, 100) }),
    proveniensPolitik: (_p, _a, ctx) => ATTRIBUTTER.map((attribut) => ({ attribut, raekkefoelge: [...ctx.sources.reconciled.policy[attribut]] })),
  },

  Mutation: {
    registrerAfstemningsbeslutning: async (_p, { input }, ctx) => {
      // who decided: the authenticated principal (issue 5), else 'ukendt'
      const request = beslutningRequest(input, ctx.principal?.userId || 'ukendt');
      try {
        return await ctx.reads.registrerBeslutning(request);
      } catch (e) {
        if (e instanceof DecisionError) throw badInput(`input.${e.argument}`, e.message);
        throw e;
      }
    },
    koerAfstemning: async (_p, args, ctx) => {
      const r = ctx.sources.reconciled;
      const started = r.trigger
        ? await r.trigger.start({ type: args.type ?? 'INKREMENTEL' })
        : { startet: false, grund: 'no reconciliation job runs in this gateway' };
      return { ...started, friskhed: await r.freshness() };
    },
  },

  Afstemningsstatus: {
    friskhed: (_s, _a, ctx) => ctx.sources.reconciled.freshness(),
    koersler: (_s, { first }, ctx) => ctx.sources.reconciled.koersler(firstUpTo500(first, 10)),
  },

  PosteringAfstemning: {
    postering: (m) => toGlobalId('Betaling', m.posteringId),
    beloeb: (m) => fromOere(m.beloebOere),
    indsats: (m, _a, ctx) => (m.indsatsId === null ? null : ctx.sources.fagsystem.indsats.load(m.indsatsId)),
    matchregel: (m) => (m.indsatsId === null ? null : (m.regel as never)),
    // the schema names it automatiskRegel; the store's state calls it autoRegel (found by the generated access matrix)
    automatiskRegel: (m) => m.autoRegel,
    umatchetAarsag: (m) => (m.indsatsId === null ? (m.regel as never) : null),
    automatiskIndsats: (m, _a, ctx) => (m.autoIndsatsId === null ? null : ctx.sources.fagsystem.indsats.load(m.autoIndsatsId)),
    beslutninger: (m, _a, ctx) => ctx.sources.reconciled.beslutningerByPostering.load(m.posteringId),
  },

  Betaling: {
    afstemning: (b, _a, ctx) => ctx.sources.reconciled.matchByPostering.load(b.postering.id),
  },
};
