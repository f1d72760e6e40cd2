import type { Resolvers } from '../src/graphql/generated/resolvers-types';
import { toGlobalId } from '../src/graphql/global-id';
import { required } from './required';

export const organisationResolvers: Resolvers = {
  Query: {
    teams: (_p, _a, ctx) => ctx.sources.fagsystem.listTeams(),
    organisationsenheder: (_p, _a, ctx) => ctx.sources.fagsystem.listOrganisationsenheder(),
  },
  Organisationsenhed: {
    id: (e) => toGlobalId('Organisationsenhed', e.id),
    teams: (e, _a, ctx) => ctx.sources.fagsystem.teamsByEnhed.load(e.id),
  },
  Team: {
    id: (t) => toGlobalId('Team', t.id),
    organisationsenhed: async (t, _a, ctx) => required(await ctx.sources.fagsystem.organisationsenhed.load(t.enhedId), 'Organisationsenhed'),
    sagsbehandlere: (t, _a, ctx) => ctx.sources.fagsystem.sagsbehandlereByTeam.load(t.id),
  },
  Sagsbehandler: {
    id: (s) => toGlobalId('Sagsbehandler', s.id),
    team: async (s, _a, ctx) => required(await ctx.sources.fagsystem.team.load(s.teamId), 'Team'),
  },
};
