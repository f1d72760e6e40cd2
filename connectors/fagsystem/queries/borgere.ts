import type { BorgerMaalgruppeRow, BorgerRow, FunktionsevnevurderingRow, StoettebehovRow } from '../rows';
import type { Borger, BorgerMaalgruppe, Funktionsevnevurdering, Stoettebehov } from '../../../src/domain/model';
import type { BorgerListFilter, BorgerOrderField, ListArgs, ListResult } from '../types';
import type { QueryContext } from '../context';
import { toBorger, toBorgerMaalgruppe, toFunktionsevnevurdering, toStoettebehov } from '../mapping';
import { whereBorgerVisible, whereUnderVisibleSag } from '../scope';
import { applyBorgerFilter } from '../filters';
import { fetchCount, fetchPage, type OrderColumn } from '../pagination';
import { selectIn } from './select-in';

/**
 * Citizens (the fagsystem's own copy) and what is recorded about them: målgrupper (VUM 2.0 ID 60) follow the
 * citizen's visibility; funktionsevnevurderinger (ID 26–27) and støttebehov (ID 59/83/84) are made under a sag
 * and follow that sag.
 */

function borgere(ctx: QueryContext, column: 'borger_id' | 'cpr', keys: readonly (number | string)[]): Promise<Borger[]> {
  return selectIn<BorgerRow>(ctx, {
    table: 'borger',
    column,
    keys,
    restrict: (qb) => whereBorgerVisible(ctx.db, qb, ctx.scope, 'borger.borger_id'),
  }).then((rows) => rows.map(toBorger));
}

export const borgereByIds = (ctx: QueryContext, ids: readonly number[]) => borgere(ctx, 'borger_id', ids);
/** `cprs` already normalised to the 10 digits the table holds. */
export const borgereByCprs = (ctx: QueryContext, cprs: readonly string[]) => borgere(ctx, 'cpr', cprs);

export function maalgrupperByBorgerIds(ctx: QueryContext, ids: readonly number[]): Promise<BorgerMaalgruppe[]> {
  return selectIn<BorgerMaalgruppeRow>(ctx, {
    table: 'borger_maalgruppe',
    column: 'borger_id',
    keys: ids,
    restrict: (qb) => whereBorgerVisible(ctx.db, qb, ctx.scope, 'borger_maalgruppe.borger_id'),
    orderBy: ['fra_dato', 'borger_maalgruppe_id'],
  }).then((rows) => rows.map(toBorgerMaalgruppe));
}

export function funktionsevneByBorgerIds(ctx: QueryContext, ids: readonly number[]): Promise<Funktionsevnevurdering[]> {
  return selectIn<FunktionsevnevurderingRow>(ctx, {
    table: 'funktionsevnevurdering',
    column: 'borger_id',
    keys: ids,
    restrict: (qb) => whereUnderVisibleSag(ctx.db, qb, ctx.scope, 'funktionsevnevurdering.sag_id'),
    orderBy: ['vurderingsdato', 'vurdering_id'],
  }).then((rows) => rows.map(toFunktionsevnevurdering));
}

export function stoettebehovByBorgerIds(ctx: QueryContext, ids: readonly number[]): Promise<Stoettebehov[]> {
  return selectIn<StoettebehovRow>(ctx, {
    table: 'stoettebehov',
    column: 'borger_id',
    keys: ids,
    restrict: (qb) => whereUnderVisibleSag(ctx.db, qb, ctx.scope, 'stoettebehov.sag_id'),
    orderBy: ['vurderingsdato', 'stoettebehov_id'],
  }).then((rows) => rows.map(toStoettebehov));
}

const BORGER_ORDER: Record<BorgerOrderField, OrderColumn<Borger>> = {
  BORGER_ID: { column: 'borger.borger_id', idColumn: 'borger.borger_id', kind: 'id', nullable: false, key: (b) => ({ v: b.id, id: b.id }) },
  EFTERNAVN: { column: 'borger.efternavn', idColumn: 'borger.borger_id', kind: 'text', nullable: false, key: (b) => ({ v: b.efternavn, id: b.id }) },
};

export function listBorgere(ctx: QueryContext, args: ListArgs<BorgerListFilter, BorgerOrderField>): Promise<ListResult<Borger>> {
  const qb = applyBorgerFilter(ctx, ctx.db('borger').select('borger.*'), args.filter);
  return fetchPage(ctx.run, qb, { order: BORGER_ORDER[args.order.field], direction: args.order.direction, page: args.page, map: toBorger });
}

export function countBorgere(ctx: QueryContext, filter: BorgerListFilter): Promise<number> {
  return fetchCount(ctx.run, applyBorgerFilter(ctx, ctx.db('borger'), filter));
}
