import { GraphQLError } from 'graphql';
import { badInput } from '../../graphql/errors';
import { addDays } from '../../domain/dates';
import { KATALOG, TIDSDIMENSIONER, type Dimension, type Emnedef, type FeltDef, type FilterNavn } from '../catalogue';
import { Sql } from './sql';
import type { AnalyseSpec, Maal, Plan, PlanContext } from './types';

/** Joins that give a row once per value (a citizen's målgrupper, an indsats' ydelser): rows are then counted distinct. */
const FANOUT_JOINS = new Set(['ydelse', 'maalgruppe']);
export const MAX_DIMENSIONER = 5;
export const MAX_MAAL = 12;
export const STANDARD_GRUPPER = 1000;
export const MAX_GRUPPER = 10_000;
/** An activity time series over more months than this is refused (a 10-year window is 120 months per indsats). */
const MAX_MAANEDER = 120;

/**
 * Plans one aggregate question into ONE SQL statement for the database that owns the subject:
 *
 *   select <dims>, <aggregates>, count(distinct citizen), grouping flag, count(*) over ()
 *   from (select <dimension and field expressions> from <subject> <joins> where <filters and row scope>) x
 *   group by grouping sets ((<dims>), ())     -- the groups and the total in one scan
 *   order by <total first>, <measure>, <dims> limit <n>
 *
 * Every identifier comes from the catalogue; every caller value is bound. Grouping sets, count(distinct)
 * and the window run on PostgreSQL and SQL Server alike (the economy's production engine).
 */
export function planAnalyse(spec: AnalyseSpec, ctx: PlanContext): Plan {
  const def = KATALOG[spec.emne];
  validate(spec, def);
  const f = spec.filter;
  const ref = f.referencedato ?? (f.periodeTil && f.periodeTil < ctx.idag ? f.periodeTil : ctx.idag);
  const sql = new Sql({ ref, idag: ctx.idag });
  const pg = ctx.dialect === 'postgres';
  const text = (e: string) => (pg ? `cast(${e} as text)` : `cast(${e} as varchar(60))`);

  const joins = new Set<string>();
  const dims = spec.grupperPaa;
  const timeSeries = def.tid.art === 'aktiv' && dims.some((d) => TIDSDIMENSIONER.has(d));
  const dimExprs = dims.map((d) => {
    if (TIDSDIMENSIONER.has(d)) {
      const col = def.tid.art === 'aktiv' ? 'tid.m' : def.tid.kolonne;
      // PostgreSQL groups by the truncated date and formats each group once (outer select): to_char on
      // every row cost ~15–25 % of a year of indsats-months grouped per month. A month start (the active-month
      // series, the store's months) is grouped as it is: date_trunc on every row cost another ~15 %
      const maanedsstart = def.tid.art === 'aktiv' || def.tid.maanedsstart === true;
      if (pg && d === 'MAANED' && maanedsstart) return col;
      return pg ? `date_trunc('${TRUNC[d]}', ${col})` : tidsudtryk(d, col, ctx.dialect);
    }
    const dd = def.dimensioner[d]!;
    for (const j of dd.joins ?? []) joins.add(j);
    return dd.expr;
  });
  const felter: FeltDef[] = [];
  const feltIndex = new Map<string, number>();
  const feltOf = (m: Maal): number | null => {
    if (!m.felt) return null;
    const fd = def.felter[m.felt]!;
    for (const j of fd.joins ?? []) joins.add(j);
    if (!feltIndex.has(m.felt)) {
      feltIndex.set(m.felt, felter.length);
      felter.push(fd);
    }
    return feltIndex.get(m.felt)!;
  };
  const maalFelt = spec.maal.map(feltOf);
  if (ctx.taelBorgere && def.borger) for (const j of def.felter.BORGER?.joins ?? []) joins.add(j);
  if (f.maalgrupper && def.filtre.maalgrupper) joins.add('maalgruppe-filter');
  const fanout = timeSeries || [...joins].some((j) => FANOUT_JOINS.has(j));

  // inner select: one column per dimension and field, the row key and the citizen
  const inner: string[] = [];
  dimExprs.forEach((e, k) => inner.push(`${e} as d${k}`));
  felter.forEach((fd, k) => inner.push(`${fd.expr} as f${k}`));
  if (fanout) inner.push(`${def.noegle} as k`);
  if (ctx.taelBorgere && def.borger) inner.push(`${def.borger} as b`);
  if (!inner.length) inner.push('1 as one');

  // outer select
  const outerDims = dims.map((d, k) => `${pg && TIDSDIMENSIONER.has(d) ? tidsudtryk(d, `x.d${k}`, 'postgres') : text(`x.d${k}`)} as d${k}`);
  const measures = spec.maal.map((m, k) => `${measure(m, maalFelt[k] ?? null, felter, fanout, text, pg)} as m${k}`);
  const borgere = ctx.taelBorgere && def.borger ? ['count(distinct x.b) as n_borgere'] : [];
  const grouped = dims.length > 0;
  const flag = grouped ? [`grouping(x.d0) as total`] : ['1 as total'];
  const limit = Math.min(spec.foerste ?? STANDARD_GRUPPER, MAX_GRUPPER);

  sql.add(`select ${[...outerDims, ...measures, ...borgere, ...flag, 'count(*) over () as antal_raekker'].join(', ')} from (select`);
  sql.add(inner.join(', '));
  sql.add(`from ${def.fra}`);
  for (const j of joins) {
    if (j === 'maalgruppe-filter') continue;
    sql.add(def.joins[j]!);
  }
  if (timeSeries) {
    // every month an indsats was active inside the periode (validated: both ends given)
    sql.add(
      `cross join lateral generate_series(date_trunc('month', greatest(${def.tid.art === 'aktiv' ? def.tid.start : ''}, cast(? as date))),
        least(coalesce(${def.tid.art === 'aktiv' ? def.tid.slut : ''}, cast(? as date)), cast(? as date)), interval '1 month') as tid(m)`,
      f.periodeFra,
      f.periodeTil,
      f.periodeTil,
    );
  }
  sql.add('where 1 = 1');
  where(sql, def, spec, ctx, ref);
  sql.add(') x');
  if (grouped) sql.add(`group by grouping sets ((${dims.map((_, k) => `x.d${k}`).join(', ')}), ())`);
  const order: string[] = [];
  if (grouped) order.push('total desc');
  if (spec.sorterEfter) {
    const m = measureOrder(spec.maal[spec.sorterEfter.maal]!, maalFelt[spec.sorterEfter.maal]!, felter, fanout, pg);
    order.push(`${m} ${spec.sorterEfter.retning === 'ASC' ? 'asc' : 'desc'}${pg ? ' nulls last' : ''}`);
  }
  dims.forEach((_, k) => order.push(`x.d${k}`));
  if (grouped) {
    sql.add(`order by ${order.join(', ')}`);
    if (pg) sql.add('limit ?', limit + 1);
    else sql.add('offset 0 rows fetch next ? rows only', limit + 1);
  }
  return { sql: sql.text, bindings: sql.bindings, dimensioner: dims, maal: spec.maal, graense: limit };
}

const TRUNC: Partial<Record<Dimension, string>> = { MAANED: 'month', KVARTAL: 'quarter', AAR: 'year' };

/** Month, quarter and year as text the same way on both engines ("2025-03", "2025-K1", "2025"). */
function tidsudtryk(d: Dimension, col: string, dialect: 'postgres' | 'mssql'): string {
  if (dialect === 'postgres') {
    if (d === 'MAANED') return `to_char(${col}, 'YYYY-MM')`;
    if (d === 'KVARTAL') return `to_char(${col}, 'YYYY-"K"Q')`;
    return `to_char(${col}, 'YYYY')`;
  }
  if (d === 'MAANED') return `format(${col}, 'yyyy-MM')`;
  if (d === 'KVARTAL') return `concat(year(${col}), '-K', datepart(quarter, ${col}))`;
  return `cast(year(${col}) as varchar(4))`;
}

function aggregate(m: Maal, f: number | null, fanout: boolean, pg: boolean): string {
  const x = f === null ? null : `x.f${f}`;
  switch (m.funktion) {
    case 'ANTAL':
      return x ? `count(${x})` : fanout ? 'count(distinct x.k)' : 'count(*)';
    case 'ANTAL_DISTINKTE':
      return `count(distinct ${x})`;
    case 'SUM':
      return `sum(${x})`;
    case 'GNS':
      return `avg(${pg ? x : `cast(${x} as decimal(20,4))`})`;
    case 'MIN':
      return `min(${x})`;
    case 'MAX':
      return `max(${x})`;
    case 'MEDIAN':
      return `percentile_cont(0.5) within group (order by ${x})`;
  }
}

/** The aggregate as exact text: money to the øre, averages of days and counts to one decimal. */
function measure(m: Maal, f: number | null, felter: FeltDef[], fanout: boolean, text: (e: string) => string, pg: boolean): string {
  const agg = aggregate(m, f, fanout, pg);
  if (m.funktion === 'ANTAL' || m.funktion === 'ANTAL_DISTINKTE' || f === null) return text(agg);
  const art = felter[f]!.art;
  const num = (e: string) => (pg ? `cast(${e} as numeric)` : `cast(${e} as decimal(38,4))`);
  if (art === 'oere') return text(`round(${num(agg)} / 100, 2)`);
  if (art === 'penge') return text(`round(${num(agg)}, 2)`);
  if (m.funktion === 'GNS' || m.funktion === 'MEDIAN') return text(`round(${num(agg)}, 1)`);
  return text(agg);
}

function measureOrder(m: Maal, f: number | null, felter: FeltDef[], fanout: boolean, pg: boolean): string {
  void felter;
  return aggregate(m, f, fanout, pg);
}

export function where(sql: Sql, def: Emnedef, spec: AnalyseSpec, ctx: PlanContext, ref: string): void {
  void ref;
  const f = spec.filter;
  // the caller's rows: pushed into the statement (AccessScope), never filtered afterwards
  if (def.team) {
    if (ctx.scope.teamIds !== null) sql.add('and').inList(def.team, ctx.scope.teamIds);
    if (ctx.scope.enhedIds !== null) {
      if (def.ejer === 'fagsystem') sql.add('and').add(`${def.team} in (select team_id from team where`).inList('enhed_id', ctx.scope.enhedIds).add(')');
      else sql.add('and').inList(def.team, ctx.enhedTeams ?? []);
    }
  } else if (ctx.scope.teamIds !== null || ctx.scope.enhedIds !== null) {
    throw new GraphQLError(`${spec.emne} is not tied to a team: only roles that see every case (oekonomi, bi) may ask about it`, {
      extensions: { code: 'FORBIDDEN' },
    });
  }
  if (f.periodeFra || f.periodeTil) {
    if (def.tid.art === 'dato') {
      if (f.periodeFra) sql.add(`and ${def.tid.kolonne} >= ?`, f.periodeFra);
      if (f.periodeTil) sql.add(`and ${def.tid.kolonne} <= ?`, f.periodeTil);
    } else {
      // active at some point in the periode, by actual dates where known
      if (f.periodeTil) sql.add(`and ${def.tid.start} <= ?`, f.periodeTil);
      if (f.periodeFra) sql.add(`and (${def.tid.slut} is null or ${def.tid.slut} >= ?)`, f.periodeFra);
    }
  }
  for (const [navn, fd] of Object.entries(def.filtre) as Array<[FilterNavn, { sql: string }]>) {
    const values = f[navn];
    if (!values) continue;
    if (navn === 'maalgrupper') {
      // a code matches itself and its subgroups (the FFB hierarchy), through a membership active on :ref
      sql.add(
        'and s.borger_id in (select fm.borger_id from borger_maalgruppe fm where fm.fra_dato <= cast(:ref as date) and (fm.til_dato is null or fm.til_dato >= cast(:ref as date)) and (1 = 0',
      );
      for (const kode of values)
        sql.add('or fm.maalgruppe_kode = ? or fm.maalgruppe_kode like ?', kode, `${String(kode).replace(/[\\%_]/g, (c) => `\\${c}`)}.%`);
      sql.add('))');
      continue;
    }
    sql.add('and').inList(fd.sql, values);
  }
}

function validate(spec: AnalyseSpec, def: Emnedef): void {
  if (!spec.maal.length) throw badInput('maal', '"maal" needs at least one measure');
  if (spec.maal.length > MAX_MAAL) throw badInput('maal', `at most ${MAX_MAAL} measures per question`);
  if (new Set(spec.grupperPaa).size !== spec.grupperPaa.length) throw badInput('grupperPaa', '"grupperPaa" names a dimension twice');
  if (spec.grupperPaa.length > MAX_DIMENSIONER) throw badInput('grupperPaa', `at most ${MAX_DIMENSIONER} dimensions per question`);
  for (const d of spec.grupperPaa) {
    if (!TIDSDIMENSIONER.has(d) && !def.dimensioner[d]) {
      throw badInput(
        'grupperPaa',
        `${spec.emne} cannot be grouped by ${d}; it can be grouped by ${[...Object.keys(def.dimensioner), ...TIDSDIMENSIONER].join(', ')}`,
      );
    }
  }
  spec.maal.forEach((m, k) => {
    const arg = `maal[${k}]`;
    if (!m.felt) {
      if (m.funktion !== 'ANTAL') throw badInput(arg, `${m.funktion} needs a "felt"`);
      return;
    }
    const fd = def.felter[m.felt];
    if (!fd) throw badInput(arg, `${spec.emne} has no field ${m.felt}; its fields are ${Object.keys(def.felter).join(', ')}`);
    if (fd.art === 'id' && m.funktion !== 'ANTAL' && m.funktion !== 'ANTAL_DISTINKTE')
      throw badInput(arg, `${m.felt} is an identifier: it can only be counted (ANTAL, ANTAL_DISTINKTE)`);
    if (m.funktion === 'MEDIAN' && def.ejer === 'oekonomi')
      throw badInput(arg, 'MEDIAN is not available for economy subjects (the ERP database has no portable median)');
  });
  const f = spec.filter;
  if (f.periodeFra && f.periodeTil && f.periodeFra > f.periodeTil) throw badInput('filter.periode', '"filter.periode": fra is after til');
  for (const navn of Object.keys(f) as Array<keyof typeof f>) {
    if (navn === 'periodeFra' || navn === 'periodeTil' || navn === 'referencedato' || f[navn] === undefined) continue;
    if (!def.filtre[navn as FilterNavn])
      throw badInput(`filter.${navn}`, `${spec.emne} cannot be filtered on "${navn}"; it accepts ${Object.keys(def.filtre).join(', ')}`);
  }
  if (def.tid.art === 'aktiv' && spec.grupperPaa.some((d) => TIDSDIMENSIONER.has(d))) {
    if (!f.periodeFra || !f.periodeTil)
      throw badInput('filter.periode', `a time series of ${spec.emne} (active months) needs filter.periode with both fra and til`);
    const months =
      (Number(f.periodeTil.slice(0, 4)) - Number(f.periodeFra.slice(0, 4))) * 12 + Number(f.periodeTil.slice(5, 7)) - Number(f.periodeFra.slice(5, 7)) + 1;
    if (months > MAX_MAANEDER) throw badInput('filter.periode', `a time series covers at most ${MAX_MAANEDER} months`);
  }
  if (spec.sorterEfter && !spec.maal[spec.sorterEfter.maal])
    throw badInput('sorterEfter.maal', '"sorterEfter.maal" is the index of one of the measures (from 0)');
  if (spec.foerste !== undefined && spec.foerste !== null && (spec.foerste < 1 || spec.foerste > MAX_GRUPPER))
    throw badInput('foerste', `"foerste" is between 1 and ${MAX_GRUPPER}`);
  void addDays;
}
