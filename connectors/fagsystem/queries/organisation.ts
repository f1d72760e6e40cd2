import type { Knex } from 'knex';
import type { LeverandoerRow, OrganisationsenhedRow, SagsbehandlerRow, TeamRow } from '../../../simulators/model/fagsystem';
import type { Leverandoer, Organisationsenhed, Sagsbehandler, Team } from '../../../src/domain/model';
import type { ListArgs, ListResult } from '../types';
import { toLeverandoer, toOrganisationsenhed, toSagsbehandler, toTeam } from '../mapping';
import { guarded } from '../errors';
import { fetchCount, fetchPage, type OrderColumn } from '../pagination';
import { selectIn } from './select-in';

/**
 * Organisation (enheder, teams, sagsbehandlere) and providers. None of it is personal data about citizens,
 * so none of it is scoped (types.ts): a caseworker may see every team and provider.
 */

export const teamsBy = (db: Knex, column: 'team_id' | 'enhed_id', keys: readonly number[]): Promise<Team[]> =>
  selectIn<TeamRow>(db, { table: 'team', column, keys, orderBy: ['team_id'] }).then((rows) => rows.map(toTeam));

export const enhederByIds = (db: Knex, ids: readonly number[]): Promise<Organisationsenhed[]> =>
  selectIn<OrganisationsenhedRow>(db, { table: 'organisationsenhed', column: 'enhed_id', keys: ids }).then((rows) => rows.map(toOrganisationsenhed));

export const sagsbehandlereBy = (db: Knex, column: 'sagsbehandler_id' | 'team_id', keys: readonly number[]): Promise<Sagsbehandler[]> =>
  selectIn<SagsbehandlerRow>(db, { table: 'sagsbehandler', column, keys, orderBy: ['sagsbehandler_id'] }).then((rows) => rows.map(toSagsbehandler));

export const leverandoererByIds = (db: Knex, ids: readonly number[]): Promise<Leverandoer[]> =>
  selectIn<LeverandoerRow>(db, { table: 'leverandoer', column: 'leverandoer_id', keys: ids }).then((rows) => rows.map(toLeverandoer));

export async function listTeams(db: Knex): Promise<Team[]> {
  const rows = (await guarded(() => db('team').select('team.*').orderBy('team.team_id'))) as TeamRow[];
  return rows.map(toTeam);
}

export async function listOrganisationsenheder(db: Knex): Promise<Organisationsenhed[]> {
  const rows = (await guarded(() => db('organisationsenhed').select('organisationsenhed.*').orderBy('organisationsenhed.enhed_id'))) as OrganisationsenhedRow[];
  return rows.map(toOrganisationsenhed);
}

const LEVERANDOER_ORDER: OrderColumn<Leverandoer> = {
  column: 'leverandoer.leverandoer_id', idColumn: 'leverandoer.leverandoer_id', kind: 'id', key: (l) => ({ v: l.id, id: l.id }),
};

export function listLeverandoerer(db: Knex, args: ListArgs<Record<string, never>, 'LEVERANDOER_ID'>): Promise<ListResult<Leverandoer>> {
  return fetchPage(db('leverandoer').select('leverandoer.*'), { order: LEVERANDOER_ORDER, direction: args.order.direction, page: args.page, map: toLeverandoer });
}

export const countLeverandoerer = (db: Knex): Promise<number> => fetchCount(db('leverandoer'));
