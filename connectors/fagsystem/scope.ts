import type { Knex } from 'knex';
import type { AccessScope } from '../../src/access/scope';
import { whereInList } from './sql';

/**
 * The request's AccessScope pushed into SQL (never filtered after fetching). The rule of the contract
 * (types.ts): a sag is visible when its team is in `teamIds` and the team's organisation unit is in
 * `enhedIds` (each axis only when not null); everything under a sag follows its sag; a citizen is visible
 * when they have a visible sag. Both axes null is the unrestricted scope and adds no SQL at all.
 */
export function isRestricted(scope: AccessScope): boolean {
  return scope.teamIds !== null || scope.enhedIds !== null;
}

/** Adds the scope's conditions to a query whose `teamColumn` is a sag's team_id. */
export function whereSagVisible(qb: Knex.QueryBuilder, scope: AccessScope, teamColumn: string): Knex.QueryBuilder {
  if (scope.teamIds !== null) whereInList(qb, teamColumn, scope.teamIds);
  if (scope.enhedIds !== null) {
    const enhedIds = scope.enhedIds;
    qb.whereIn(teamColumn, (sub: Knex.QueryBuilder) => whereInList(sub.select('team_id').from('team'), 'enhed_id', enhedIds));
  }
  return qb;
}

/**
 * `select <column> from sag where <scope> and <extra>`, the subquery child rows are tested against, or null
 * when neither the scope nor the caller restricts sager (so unrestricted queries carry no subquery).
 */
export function sagSubquery(db: Knex, scope: AccessScope, column: 'sag_id' | 'borger_id', extra?: (qb: Knex.QueryBuilder) => void): Knex.QueryBuilder | null {
  if (!isRestricted(scope) && !extra) return null;
  const qb = db('sag').select(`sag.${column}`);
  whereSagVisible(qb, scope, 'sag.team_id');
  extra?.(qb);
  return qb;
}

/** Restricts a query on a table with a sag_id column to visible sager. */
export function whereUnderVisibleSag(db: Knex, qb: Knex.QueryBuilder, scope: AccessScope, sagIdColumn: string): Knex.QueryBuilder {
  const sub = sagSubquery(db, scope, 'sag_id');
  return sub ? qb.whereIn(sagIdColumn, sub) : qb;
}

/** Restricts a query on a table with an indsats_id column to indsatser of visible sager. */
export function whereUnderVisibleIndsats(db: Knex, qb: Knex.QueryBuilder, scope: AccessScope, indsatsIdColumn: string): Knex.QueryBuilder {
  const sub = sagSubquery(db, scope, 'sag_id');
  return sub ? qb.whereIn(indsatsIdColumn, db('indsats').select('indsats.indsats_id').whereIn('indsats.sag_id', sub)) : qb;
}

/** Restricts a query on a table with a borger_id column to citizens with a visible sag. */
export function whereBorgerVisible(db: Knex, qb: Knex.QueryBuilder, scope: AccessScope, borgerIdColumn: string): Knex.QueryBuilder {
  const sub = sagSubquery(db, scope, 'borger_id');
  return sub ? qb.whereIn(borgerIdColumn, sub) : qb;
}
