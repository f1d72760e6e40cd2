import type { BestillingRow, IndsatsmaalRow, IndsatsRow, YdelseRow } from '../rows';
import type { Bestilling, Indsats, Indsatsmaal, Ydelse } from '../../../src/domain/model';
import type { IndsatsListFilter, IndsatsOrderField, ListArgs, ListResult } from '../types';
import type { QueryContext } from '../context';
import { toBestilling, toIndsats, toIndsatsmaal, toYdelse } from '../mapping';
import { whereUnderVisibleIndsats, whereUnderVisibleSag } from '../scope';
import { applyIndsatsFilter } from '../filters';
import { fetchCount, fetchPage, type OrderColumn } from '../pagination';
import { selectList } from '../projection';
import { selectIn } from './select-in';

/** Indsatser (VUM 2.0 ID 35–52) and what hangs under them: ydelser, bestillinger (ID 68–72), indsatsmål (ID 29–31). */

function indsatser(ctx: QueryContext, column: 'indsats_id' | 'sag_id' | 'afgoerelse_id', keys: readonly number[]): Promise<Indsats[]> {
  return selectIn<IndsatsRow>(ctx, {
    table: 'indsats',
    column,
    keys,
    restrict: (qb) => whereUnderVisibleSag(ctx.db, qb, ctx.scope, 'indsats.sag_id'),
    orderBy: ['forventet_start', 'indsats_id'],
  }).then((rows) => rows.map(toIndsats));
}

export const indsatserByIds = (ctx: QueryContext, ids: readonly number[]) => indsatser(ctx, 'indsats_id', ids);
export const indsatserBySagIds = (ctx: QueryContext, ids: readonly number[]) => indsatser(ctx, 'sag_id', ids);
export const indsatserByAfgoerelseIds = (ctx: QueryContext, ids: readonly number[]) => indsatser(ctx, 'afgoerelse_id', ids);

export function ydelserByIndsatsIds(ctx: QueryContext, ids: readonly number[]): Promise<Ydelse[]> {
  return selectIn<YdelseRow>(ctx, {
    table: 'ydelse',
    column: 'indsats_id',
    keys: ids,
    restrict: (qb) => whereUnderVisibleIndsats(ctx.db, qb, ctx.scope, 'ydelse.indsats_id'),
    orderBy: ['forventet_start', 'ydelse_id'],
  }).then((rows) => rows.map(toYdelse));
}

function bestillinger(ctx: QueryContext, column: 'bestilling_id' | 'indsats_id', keys: readonly number[]): Promise<Bestilling[]> {
  return selectIn<BestillingRow>(ctx, {
    table: 'bestilling',
    column,
    keys,
    select: selectList('bestilling', ctx.omit?.bestilling),
    restrict: (qb) => whereUnderVisibleIndsats(ctx.db, qb, ctx.scope, 'bestilling.indsats_id'),
    orderBy: ['gyldig_fra', 'bestilling_id'],
  }).then((rows) => rows.map(toBestilling));
}

export const bestillingerByIds = (ctx: QueryContext, ids: readonly number[]) => bestillinger(ctx, 'bestilling_id', ids);
export const bestillingerByIndsatsIds = (ctx: QueryContext, ids: readonly number[]) => bestillinger(ctx, 'indsats_id', ids);

export function indsatsmaalByIndsatsIds(ctx: QueryContext, ids: readonly number[]): Promise<Indsatsmaal[]> {
  return selectIn<IndsatsmaalRow>(ctx, {
    table: 'indsatsmaal',
    column: 'indsats_id',
    keys: ids,
    restrict: (qb) => whereUnderVisibleIndsats(ctx.db, qb, ctx.scope, 'indsatsmaal.indsats_id'),
    orderBy: ['oprettet', 'indsatsmaal_id'],
  }).then((rows) => rows.map(toIndsatsmaal));
}

const INDSATS_ORDER: Record<IndsatsOrderField, OrderColumn<Indsats>> = {
  INDSATS_ID: { column: 'indsats.indsats_id', idColumn: 'indsats.indsats_id', kind: 'id', nullable: false, key: (i) => ({ v: i.id, id: i.id }) },
  FORVENTET_START: {
    column: 'indsats.forventet_start',
    idColumn: 'indsats.indsats_id',
    kind: 'date',
    nullable: false,
    key: (i) => ({ v: i.forventetStart, id: i.id }),
  },
};

// a page of indsatser is case data: its citizens are logged before it is answered, so their CPRs come with the
// page (an index look-up per row in the same statement) instead of two batched look-ups after it
const BORGER_CPR = '(select b.cpr from sag s join borger b on b.borger_id = s.borger_id where s.sag_id = indsats.sag_id) as borger_cpr';
const withCpr = (row: IndsatsRow & { borger_cpr?: string | null }): Indsats => {
  const i = toIndsats(row);
  if (typeof row.borger_cpr === 'string') i.borgerCpr = row.borger_cpr;
  return i;
};

export function listIndsatser(ctx: QueryContext, args: ListArgs<IndsatsListFilter, IndsatsOrderField>): Promise<ListResult<Indsats>> {
  const qb = applyIndsatsFilter(ctx, ctx.db('indsats').select('indsats.*', ctx.db.raw(BORGER_CPR)), args.filter);
  return fetchPage(ctx.run, qb, { order: INDSATS_ORDER[args.order.field], direction: args.order.direction, page: args.page, map: withCpr });
}

export function countIndsatser(ctx: QueryContext, filter: IndsatsListFilter): Promise<number> {
  return fetchCount(ctx.run, applyIndsatsFilter(ctx, ctx.db('indsats'), filter));
}
