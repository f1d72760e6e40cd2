import type { AfgoerelseRow, SagRow } from '../rows';
import type { Afgoerelse, Sag } from '../../../src/domain/model';
import type { ListArgs, ListResult, SagListFilter, SagOrderField } from '../types';
import type { QueryContext } from '../context';
import { toAfgoerelse, toSag } from '../mapping';
import { whereSagVisible, whereUnderVisibleSag } from '../scope';
import { applySagFilter } from '../filters';
import { fetchCount, fetchPage, type OrderColumn } from '../pagination';
import { selectList } from '../projection';
import { selectIn } from './select-in';

/** Sager (VUM 2.0 ID 1–28) and their afgørelser (ID 63–67), scoped by the case's team. */

// a case reached from the query root (by sagsnummer, or a page of sager) is case data whose citizen is logged
// before it is answered: the citizen's CPR comes with the row instead of a borger look-up after it
const BORGER_CPR = '(select b.cpr from borger b where b.borger_id = sag.borger_id) as borger_cpr';
const withCpr = (row: SagRow & { borger_cpr?: string | null }): Sag => {
  const s = toSag(row);
  if (typeof row.borger_cpr === 'string') s.borgerCpr = row.borger_cpr;
  return s;
};

function sager(ctx: QueryContext, column: 'sag_id' | 'sagsnummer' | 'borger_id', keys: readonly (string | number)[], cpr = false): Promise<Sag[]> {
  return selectIn<SagRow>(ctx, {
    table: 'sag',
    column,
    keys,
    select: cpr ? `${selectList('sag', ctx.omit?.sag)}, ${BORGER_CPR}` : selectList('sag', ctx.omit?.sag),
    restrict: (qb) => whereSagVisible(qb, ctx.scope, 'sag.team_id'),
    orderBy: ['sag_aabnet', 'sag_id'],
  }).then((rows) => rows.map(cpr ? withCpr : toSag));
}

export const sagerByIds = (ctx: QueryContext, ids: readonly number[]) => sager(ctx, 'sag_id', ids);
export const sagerBySagsnummer = (ctx: QueryContext, nrs: readonly string[]) => sager(ctx, 'sagsnummer', nrs, true);
export const sagerByBorgerIds = (ctx: QueryContext, ids: readonly number[]) => sager(ctx, 'borger_id', ids);

function afgoerelser(ctx: QueryContext, column: 'afgoerelse_id' | 'sag_id', keys: readonly number[]): Promise<Afgoerelse[]> {
  return selectIn<AfgoerelseRow>(ctx, {
    table: 'afgoerelse',
    column,
    keys,
    restrict: (qb) => whereUnderVisibleSag(ctx.db, qb, ctx.scope, 'afgoerelse.sag_id'),
    orderBy: ['afgoerelsesdato', 'afgoerelse_id'],
  }).then((rows) => rows.map(toAfgoerelse));
}

export const afgoerelserByIds = (ctx: QueryContext, ids: readonly number[]) => afgoerelser(ctx, 'afgoerelse_id', ids);
export const afgoerelserBySagIds = (ctx: QueryContext, ids: readonly number[]) => afgoerelser(ctx, 'sag_id', ids);

const SAG_ORDER: Record<SagOrderField, OrderColumn<Sag>> = {
  SAG_AABNET: { column: 'sag.sag_aabnet', idColumn: 'sag.sag_id', kind: 'date', nullable: false, key: (s) => ({ v: s.sagAabnet, id: s.id }) },
  SAGSNUMMER: { column: 'sag.sagsnummer', idColumn: 'sag.sag_id', kind: 'text', nullable: false, key: (s) => ({ v: s.sagsnummer, id: s.id }) },
};

export function listSager(ctx: QueryContext, args: ListArgs<SagListFilter, SagOrderField>): Promise<ListResult<Sag>> {
  const qb = applySagFilter(ctx, ctx.db('sag').select('sag.*', ctx.db.raw(BORGER_CPR)), args.filter);
  return fetchPage(ctx.run, qb, { order: SAG_ORDER[args.order.field], direction: args.order.direction, page: args.page, map: withCpr });
}

export function countSager(ctx: QueryContext, filter: SagListFilter): Promise<number> {
  return fetchCount(ctx.run, applySagFilter(ctx, ctx.db('sag'), filter));
}
