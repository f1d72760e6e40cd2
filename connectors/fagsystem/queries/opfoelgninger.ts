import type { OpfoelgningRow } from '../rows';
import type { Opfoelgning } from '../../../src/domain/model';
import type { ListArgs, ListResult, OpfoelgningListFilter, OpfoelgningOrderField } from '../types';
import type { QueryContext } from '../context';
import { toOpfoelgning } from '../mapping';
import { whereUnderVisibleIndsats } from '../scope';
import { applyOpfoelgningFilter } from '../filters';
import { fetchCount, fetchPage, type OrderColumn } from '../pagination';
import { selectList } from '../projection';
import { selectIn } from './select-in';

/** Opfølgninger (VUM 2.0 ID 67, 75–84), scoped through their indsats' sag. */

function opfoelgninger(ctx: QueryContext, column: 'opfoelgning_id' | 'indsats_id', keys: readonly number[]): Promise<Opfoelgning[]> {
  return selectIn<OpfoelgningRow>(ctx, {
    table: 'opfoelgning',
    column,
    keys,
    select: selectList('opfoelgning', ctx.omit?.opfoelgning),
    restrict: (qb) => whereUnderVisibleIndsats(ctx.db, qb, ctx.scope, 'opfoelgning.indsats_id'),
    orderBy: ['planlagt_dato', 'opfoelgning_id'],
  }).then((rows) => rows.map(toOpfoelgning));
}

export const opfoelgningerByIds = (ctx: QueryContext, ids: readonly number[]) => opfoelgninger(ctx, 'opfoelgning_id', ids);
export const opfoelgningerByIndsatsIds = (ctx: QueryContext, ids: readonly number[]) => opfoelgninger(ctx, 'indsats_id', ids);

const OPFOELGNING_ORDER: Record<OpfoelgningOrderField, OrderColumn<Opfoelgning>> = {
  PLANLAGT_DATO: {
    column: 'opfoelgning.planlagt_dato',
    idColumn: 'opfoelgning.opfoelgning_id',
    kind: 'date',
    nullable: false,
    key: (o) => ({ v: o.planlagtDato, id: o.id }),
  },
};

export function listOpfoelgninger(ctx: QueryContext, args: ListArgs<OpfoelgningListFilter, OpfoelgningOrderField>): Promise<ListResult<Opfoelgning>> {
  const qb = applyOpfoelgningFilter(ctx, ctx.db('opfoelgning').select('opfoelgning.*'), args.filter);
  return fetchPage(ctx.run, qb, { order: OPFOELGNING_ORDER[args.order.field], direction: args.order.direction, page: args.page, map: toOpfoelgning });
}

export function countOpfoelgninger(ctx: QueryContext, filter: OpfoelgningListFilter): Promise<number> {
  return fetchCount(ctx.run, applyOpfoelgningFilter(ctx, ctx.db('opfoelgning'), filter));
}
