import type { Executor } from '../client';
import type { LeverandoerRow, OrganisationsenhedRow, SagsbehandlerRow, TeamRow } from '../rows';
import type { Leverandoer, Organisationsenhed, Sagsbehandler, Team } from '../../../src/domain/model';
import type { ListArgs, ListResult } from '../types';
import { toLeverandoer, toOrganisationsenhed, toSagsbehandler, toTeam } from '../mapping';
import { fetchCount, fetchPage, type OrderColumn } from '../pagination';
import { selectList } from '../projection';
import { selectIn } from './select-in';

/**
 * Organisation (enheder, teams, sagsbehandlere) and providers. None of it is personal data about citizens,
 * so none of it is scoped (types.ts): a caseworker may see every team and provider.
 */

export const teamsBy = (x: Executor, column: 'team_id' | 'enhed_id', keys: readonly number[]): Promise<Team[]> =>
  selectIn<TeamRow>(x, { table: 'team', column, keys, orderBy: ['team_id'] }).then((rows) => rows.map(toTeam));

export const enhederByIds = (x: Executor, ids: readonly number[]): Promise<Organisationsenhed[]> =>
  selectIn<OrganisationsenhedRow>(x, { table: 'organisationsenhed', column: 'enhed_id', keys: ids }).then((rows) => rows.map(toOrganisationsenhed));

export const sagsbehandlereBy = (x: Executor, column: 'sagsbehandler_id' | 'team_id', keys: readonly number[]): Promise<Sagsbehandler[]> =>
  selectIn<SagsbehandlerRow>(x, { table: 'sagsbehandler', column, keys, orderBy: ['sagsbehandler_id'] }).then((rows) => rows.map(toSagsbehandler));

export const leverandoererByIds = (x: Executor, ids: readonly number[], omit?: readonly string[]): Promise<Leverandoer[]> =>
  selectIn<LeverandoerRow>(x, { table: 'leverandoer', column: 'leverandoer_id', keys: ids, select: selectList('leverandoer', omit) }).then((rows) =>
    rows.map(toLeverandoer),
  );

export async function listTeams(x: Executor): Promise<Team[]> {
  const rows = await x.run<TeamRow[]>(x.db('team').select('team.*').orderBy('team.team_id'));
  return rows.map(toTeam);
}

export async function listOrganisationsenheder(x: Executor): Promise<Organisationsenhed[]> {
  const rows = await x.run<OrganisationsenhedRow[]>(x.db('organisationsenhed').select('organisationsenhed.*').orderBy('organisationsenhed.enhed_id'));
  return rows.map(toOrganisationsenhed);
}

const LEVERANDOER_ORDER: OrderColumn<Leverandoer> = {
  column: 'leverandoer.leverandoer_id',
  idColumn: 'leverandoer.leverandoer_id',
  kind: 'id',
  nullable: false,
  key: (l) => ({ v: l.id, id: l.id }),
};

export function listLeverandoerer(x: Executor, args: ListArgs<Record<string, never>, 'LEVERANDOER_ID'>): Promise<ListResult<Leverandoer>> {
  return fetchPage(x.run, x.db('leverandoer').select('leverandoer.*'), {
    order: LEVERANDOER_ORDER,
    direction: args.order.direction,
    page: args.page,
    map: toLeverandoer,
  });
}

export const countLeverandoerer = (x: Executor): Promise<number> => fetchCount(x.run, x.db('leverandoer'));
