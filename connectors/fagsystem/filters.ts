import type { Knex } from 'knex';
import type { BorgerListFilter, IndsatsListFilter, OpfoelgningListFilter, SagListFilter } from './types';
import type { QueryContext } from './context';
import { sagSubquery, whereSagVisible } from './scope';
import { likePrefix, whereInList } from './sql';

const INDSATS_START = 'coalesce(indsats.faktisk_start, indsats.forventet_start)';
const INDSATS_SLUT =
  'case when indsats.faktisk_slut is not null then indsats.faktisk_slut when indsats.faktisk_start is not null then null else indsats.forventet_slut end';

/**
 * List filters → WHERE clauses, all pushed into SQL. Conventions for every filter:
 * an absent field (undefined) does not filter; a list field matches any of its values; an EMPTY list matches
 * nothing (the same reading as AccessScope); dates are inclusive ISO calendar days. Conditions on a case's
 * fields are tested through `sag_id IN (select … from sag where <scope> and <conditions>)` so one subquery
 * carries both the caller's scope and the case-level filters.
 */

type Where = (qb: Knex.QueryBuilder) => void;

/**
 * Citizens in one of the målgrupper (VUM 2.0 ID 60) today: a code matches itself and its subgroups
 * (`kode = x OR kode LIKE 'x.%'`, the FFB hierarchy of src/domain/codes/maalgrupper), and only through a
 * membership that is active on the clock's day (fra_dato ≤ today ≤ til_dato, open til_dato = still active).
 */
export function maalgruppeBorgerIds(ctx: QueryContext, koder: readonly string[]): Knex.QueryBuilder {
  const qb = ctx.db('borger_maalgruppe').select('borger_maalgruppe.borger_id');
  if (!koder.length) return qb.whereRaw('false');
  qb.where((any) => {
    for (const kode of new Set(koder)) {
      any.orWhere((one) => one.where('borger_maalgruppe.maalgruppe_kode', kode).orWhere('borger_maalgruppe.maalgruppe_kode', 'like', likePrefix(`${kode}.`)));
    }
  });
  return qb
    .where('borger_maalgruppe.fra_dato', '<=', ctx.today)
    .where((open) => open.whereNull('borger_maalgruppe.til_dato').orWhere('borger_maalgruppe.til_dato', '>=', ctx.today));
}

/** Case-level conditions shared by the sag, indsats and opfølgning lists (on a query over `sag`). */
interface SagLevel {
  teamIds?: readonly number[];
  sagsbehandlerIds?: readonly number[];
  kommuner?: readonly string[];
  maalgrupper?: readonly string[];
}

function sagLevel(ctx: QueryContext, f: SagLevel): Where | undefined {
  const parts: Where[] = [];
  if (f.teamIds) parts.push((qb) => whereInList(qb, 'sag.team_id', f.teamIds!));
  if (f.sagsbehandlerIds) parts.push((qb) => whereInList(qb, 'sag.sagsbehandler_id', f.sagsbehandlerIds!));
  if (f.kommuner) parts.push((qb) => whereInList(qb, 'sag.handlekommune', f.kommuner!));
  if (f.maalgrupper) parts.push((qb) => qb.whereIn('sag.borger_id', maalgruppeBorgerIds(ctx, f.maalgrupper!)));
  return parts.length ? (qb) => parts.forEach((p) => p(qb)) : undefined;
}

/** Sager: on a query `from sag`. Scope included. */
export function applySagFilter(ctx: QueryContext, qb: Knex.QueryBuilder, f: SagListFilter): Knex.QueryBuilder {
  whereSagVisible(qb, ctx.scope, 'sag.team_id');
  sagLevel(ctx, f)?.(qb);
  if (f.status) qb.where('sag.status', f.status);
  // "cases having an indsats with one of these paragraphs" (any status)
  if (f.paragraffer) qb.whereIn('sag.sag_id', whereInList(ctx.db('indsats').select('indsats.sag_id'), 'indsats.paragraf', f.paragraffer));
  if (f.aabnetFra) qb.where('sag.sag_aabnet', '>=', f.aabnetFra);
  if (f.aabnetTil) qb.where('sag.sag_aabnet', '<=', f.aabnetTil);
  return qb;
}

/** Indsatser: on a query `from indsats`. Scope included (through the case). */
export function applyIndsatsFilter(ctx: QueryContext, qb: Knex.QueryBuilder, f: IndsatsListFilter): Knex.QueryBuilder {
  const sager = sagSubquery(ctx.db, ctx.scope, 'sag_id', sagLevel(ctx, f));
  if (sager) qb.whereIn('indsats.sag_id', sager);
  if (f.paragraffer) whereInList(qb, 'indsats.paragraf', f.paragraffer);
  if (f.status) whereInList(qb, 'indsats.status', f.status);
  if (f.tilbudstyper) whereInList(qb, 'indsats.tilbudstype', f.tilbudstyper);
  if (f.leverandoerIds) whereInList(qb, 'indsats.leverandoer_id', f.leverandoerIds);
  // active at some point in [fra, til] ("received § X in 2025"): by the actual dates where known (VUM 2.0 ID 75),
  // else the expected ones (ID 39/40); an indsats that has begun and has no actual end is still running,
  // whatever its expected end said. Before, the expected start was compared with the actual end.
  if (f.periodeTil) qb.whereRaw(`${INDSATS_START} <= ?`, [f.periodeTil]);
  if (f.periodeFra) qb.whereRaw(`((${INDSATS_SLUT}) is null or (${INDSATS_SLUT}) >= ?)`, [f.periodeFra]);
  return qb;
}

/** Borgere: on a query `from borger`. Scope included: the team filter and the scope test the SAME case. */
export function applyBorgerFilter(ctx: QueryContext, qb: Knex.QueryBuilder, f: BorgerListFilter): Knex.QueryBuilder {
  const teamIds = f.teamIds;
  const sager = sagSubquery(ctx.db, ctx.scope, 'borger_id', teamIds ? (s) => whereInList(s, 'sag.team_id', teamIds) : undefined);
  if (sager) qb.whereIn('borger.borger_id', sager);
  if (f.maalgrupper) qb.whereIn('borger.borger_id', maalgruppeBorgerIds(ctx, f.maalgrupper));
  // the fagsystem's own kommunekode for the citizen (may differ from the CPR register's)
  if (f.kommuner) whereInList(qb, 'borger.kommunekode', f.kommuner);
  return qb;
}

/** Opfølgninger: on a query `from opfoelgning`. Scope and team go through indsats → sag. */
export function applyOpfoelgningFilter(ctx: QueryContext, qb: Knex.QueryBuilder, f: OpfoelgningListFilter): Knex.QueryBuilder {
  const teamIds = f.teamIds;
  const sager = sagSubquery(ctx.db, ctx.scope, 'sag_id', teamIds ? (s) => whereInList(s, 'sag.team_id', teamIds) : undefined);
  if (sager) qb.whereIn('opfoelgning.indsats_id', ctx.db('indsats').select('indsats.indsats_id').whereIn('indsats.sag_id', sager));
  // the caseworker responsible for the follow-up itself (not the case's caseworker)
  if (f.sagsbehandlerIds) whereInList(qb, 'opfoelgning.sagsbehandler_id', f.sagsbehandlerIds);
  if (f.forfaldenSenest) qb.where('opfoelgning.planlagt_dato', '<=', f.forfaldenSenest);
  if (f.udfoert === true) qb.whereNotNull('opfoelgning.udfoert_dato');
  if (f.udfoert === false) qb.whereNull('opfoelgning.udfoert_dato');
  // overskredet (VUM 2.0 ID 67/76): not done and the planned day is before today — `idag` comes from the
  // injected clock, so "today" is the request's, not the database server's current_date
  if (f.overskredet === true) qb.whereNull('opfoelgning.udfoert_dato').where('opfoelgning.planlagt_dato', '<', f.idag);
  if (f.overskredet === false) qb.where((o) => o.whereNotNull('opfoelgning.udfoert_dato').orWhere('opfoelgning.planlagt_dato', '>=', f.idag));
  if (f.type) qb.where('opfoelgning.opfoelgningstype', f.type);
  return qb;
}
