import type { Resolvers } from '../src/graphql/generated/resolvers-types';
import { toGlobalId } from '../src/graphql/global-id';
import { toConnection } from '../src/graphql/connection';
import { daysBetween } from '../src/domain/dates';
import { opfoelgningFilter } from './filters';
import { listArgs } from './pagination';
import { required } from './required';

export const opfoelgningResolvers: Resolvers = {
  Query: {
    opfoelgninger: async (_p, args, ctx) => {
      const filter = opfoelgningFilter(args.filter, ctx.today());
      const { page, order } = listArgs(args, 'PLANLAGT_DATO', ctx, 'opfoelgninger');
      const f = ctx.sources.fagsystem;
      return toConnection(await f.listOpfoelgninger({ filter, order, page }), page, () => f.countOpfoelgninger(filter));
    },
  },
  Opfoelgning: {
    id: (o) => toGlobalId('Opfoelgning', o.id),
    indsats: async (o, _a, ctx) => required(await ctx.sources.fagsystem.indsats.load(o.indsatsId), 'Indsats'),
    sagsbehandler: async (o, _a, ctx) => required(await ctx.sources.fagsystem.sagsbehandler.load(o.sagsbehandlerId), 'Sagsbehandler'),
    overskredet: (o, _a, ctx) => o.udfoertDato === null && o.planlagtDato < ctx.today(),
    dageOverskredet: (o, _a, ctx) => (o.udfoertDato === null && o.planlagtDato < ctx.today() ? daysBetween(o.planlagtDato, ctx.today()) : null),
  },
};
