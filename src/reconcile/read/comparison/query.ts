import type { Knex } from 'knex';
import type { PrecedencePolicy } from '../../../domain/provenance-policy';
import type {
  IndsatsPrisoversigt,
  Prisbeloeb,
  Prisdimension,
  PrisFilter,
  Prisgruppe,
  Prissammenligning,
  PrissammenligningQuery,
  PrisSum,
} from '../../rules/comparison/types';
import { isGlidning, kontraktKilde } from '../../rules/comparison/lines';

/**
 * The grouped comparison, pushed into SQL over `indsats_maaned` (one row per indsats and month with the
 * four prices in øre): GROUP BY the chosen dimensions, SUM the prices, HAVING for glidning, ORDER and LIMIT
 * in the database. Sums are bigint øre, exact; percentages are computed from them once, in the answer.
 */
const COLUMN: Record<Prisdimension, string> = {
  PARAGRAF: 'paragraf',
  LEVERANDOER: 'leverandoer_id',
  KONTO: 'konto',
  TEAM: 'team_id',
  MAANED: 'maaned',
  AAR: 'aar',
};

/** The kontraktpris glidning is measured against: the first in the precedence policy's order. */
function kontraktColumn(policy: PrecedencePolicy): string {
  return kontraktKilde(policy) === 'OEKONOMI'
    ? 'coalesce(kontrakt_oekonomi_oere, kontrakt_fagsystem_oere)'
    : 'coalesce(kontrakt_fagsystem_oere, kontrakt_oekonomi_oere)';
}

/** The group sums by name, as SQL aggregates over indsats_maaned (the windowed totals sum them again). */
const aggregates = (k: string): Record<PrisSum, string> => ({
  forventet: 'sum(forventet_oere)',
  kontrakt_fagsystem: 'sum(kontrakt_fagsystem_oere)',
  kontrakt_oekonomi: 'sum(kontrakt_oekonomi_oere)',
  takst: 'sum(takst_oere)',
  faktisk: 'sum(faktisk_oere)',
  kontrakt: `sum(${k}) filter (where dage > 0)`,
  antal_posteringer: 'sum(antal_posteringer)',
  kontrakt_med_takst: 'sum(kontrakt_fagsystem_oere) filter (where takst_oere is not null)',
  kontrakt_med_oekonomi: 'sum(kontrakt_fagsystem_oere) filter (where kontrakt_oekonomi_oere is not null)',
});

/**
 * The sums of a group (all, or those named). The number of distinct indsatser is NOT among them:
 * COUNT(DISTINCT) needs a sort of every row and cannot run in parallel (on the large preset it took 1.4 of
 * 1.8 s); it is counted by a second statement only when a query selects it (`antalIndsatser`).
 */
const sums = (k: string, only?: ReadonlySet<PrisSum>) =>
  Object.entries(aggregates(k))
    .filter(([name]) => !only || only.has(name as PrisSum))
    .map(([name, agg]) => `${agg}::${name === 'antal_posteringer' ? 'int' : 'bigint'} as ${name}`)
    .join(', ');

/** glidning is decided on every group (isGlidning), so these two are always summed */
const ALTID: readonly PrisSum[] = ['faktisk', 'kontrakt'];

function applyFilter(q: Knex.QueryBuilder, f: PrisFilter): Knex.QueryBuilder {
  if (f.paragraffer) q.whereIn('paragraf', f.paragraffer);
  if (f.leverandoerIds) q.whereIn('leverandoer_id', f.leverandoerIds);
  if (f.konti) q.whereIn('konto', f.konti);
  if (f.teamIds) q.whereIn('team_id', f.teamIds);
  if (f.scopeTeamIds) q.whereIn('team_id', [...f.scopeTeamIds]);
  if (f.indsatsIds) q.whereIn('indsats_id', f.indsatsIds);
  if (f.afregnesPrBorger !== undefined) q.where('afregnes_pr_borger', f.afregnesPrBorger);
  if (f.maanedFra) q.where('maaned', '>=', f.maanedFra);
  if (f.maanedTil) q.where('maaned', '<=', f.maanedTil);
  return q;
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function toBeloeb(r: Record<string, unknown>): Prisbeloeb {
  return {
    forventet: num(r.forventet),
    kontraktFagsystem: num(r.kontrakt_fagsystem),
    kontraktOekonomi: num(r.kontrakt_oekonomi),
    takst: num(r.takst),
    faktisk: num(r.faktisk) ?? 0,
    kontrakt: num(r.kontrakt),
    antalIndsatser: r.antal_indsatser === undefined ? null : Number(r.antal_indsatser),
    antalPosteringer: Number(r.antal_posteringer ?? 0),
    kontraktFagsystemMedTakst: num(r.kontrakt_med_takst),
    kontraktFagsystemMedOekonomi: num(r.kontrakt_med_oekonomi),
  };
}

/** A group's dimension values back as the columns they came from (to key the distinct counts). */
function groupRow(g: Prisgruppe): Record<string, unknown> {
  return { paragraf: g.paragraf, leverandoer_id: g.leverandoerId, konto: g.konto, team_id: g.teamId, maaned: g.maaned ? `${g.maaned}-01` : null, aar: g.aar };
}

function toGruppe(r: Record<string, unknown>, procent: number): Prisgruppe {
  const b = toBeloeb(r);
  return {
    ...b,
    paragraf: (r.paragraf as string | undefined) ?? null,
    leverandoerId: num(r.leverandoer_id),
    konto: (r.konto as string | undefined) ?? null,
    teamId: num(r.team_id),
    maaned: r.maaned ? String(r.maaned).slice(0, 7) : null,
    aar: num(r.aar),
    glidning: isGlidning(b, procent),
  };
}

export function prissammenligning(db: Knex, q: PrissammenligningQuery, policy: PrecedencePolicy): Promise<Prissammenligning> {
  const dims = [...new Set(q.grupperPaa)].map((d) => COLUMN[d]);
  const k = kontraktColumn(policy);
  // only the sums the answer shows: each aggregate (and its window) costs per row of the table
  const linjer = q.summer ? new Set([...q.summer.linjer, ...ALTID]) : undefined;
  const iAltSummer = q.summer ? (q.summer.iAlt ? new Set([...q.summer.iAlt, ...ALTID]) : new Set<PrisSum>()) : undefined;
  const grouped = () => {
    const b = applyFilter(
      db('indsats_maaned')
        .select(dims.map((d) => db.raw('??', [d])))
        .select(db.raw(sums(k, linjer))),
      q.filter,
    );
    if (dims.length) b.groupBy(dims);
    if (q.kunGlidning) {
      // the same rule as isGlidning, in SQL: no contract but money paid also counts
      b.havingRaw(
        `(coalesce(sum(${k}) filter (where dage > 0), 0) = 0 and coalesce(sum(faktisk_oere), 0) <> 0)
         or abs(coalesce(sum(faktisk_oere), 0) - coalesce(sum(${k}) filter (where dage > 0), 0)) * 100 > ? * abs(coalesce(sum(${k}) filter (where dage > 0), 0))`,
        [q.glidningProcent],
      );
    }
    return b;
  };
  // the number of groups comes with the page (a window over the grouped rows), not from a second GROUP BY;
  // so do the totals (iAlt) unless HAVING drops groups: the sums of the group sums are the sums over all rows,
  // and a window over the few grouped rows costs nothing next to a second scan of the table (measured on 1.2M
  // indsats-months: ~1.0–1.4 s for both in one statement against ~1.6–2.0 s for two statements; GROUPING SETS
  // was slower still, as it cannot run as a parallel hash aggregate, and jit = off / a larger work_mem changed
  // nothing measurable there, so the statement runs with the server's settings)
  const windowedTotals = !q.kunGlidning;
  const query = grouped().select(db.raw('count(*) over () as antal_grupper'));
  if (windowedTotals && (!iAltSummer || iAltSummer.size > 0))
    query.select(
      db.raw(
        Object.entries(aggregates(k))
          .filter(([name]) => !iAltSummer || iAltSummer.has(name as PrisSum))
          .map(([name, agg]) => `(sum(${agg}) over ())::bigint as i_alt_${name}`)
          .join(', '),
      ),
    );
  const diff = `abs(coalesce(sum(faktisk_oere), 0) - coalesce(sum(${k}) filter (where dage > 0), 0))`;
  switch (q.sortering) {
    case 'AFVIGELSE_BELOEB':
      query.orderByRaw(`${diff} desc`);
      break;
    case 'AFVIGELSE_PROCENT':
      query.orderByRaw(`${diff}::numeric / nullif(abs(sum(${k}) filter (where dage > 0)), 0) desc nulls first`);
      break;
    case 'FAKTISK':
      query.orderByRaw('sum(faktisk_oere) desc');
      break;
    case 'GRUPPE':
      break;
  }
  for (const d of dims) query.orderBy(d);
  query.limit(q.page.first + 1).offset(q.page.offset);
  return query.then((rows: Record<string, unknown>[]) => {
    let total: Promise<number> | undefined;
    let sum: Promise<Prisgruppe> | undefined;
    let counts: Promise<Map<string, number>> | undefined;
    const page = rows.slice(0, q.page.first);
    const keyOf = (r: Record<string, unknown>) => JSON.stringify(dims.map((d) => (r[d] === null || r[d] === undefined ? null : String(r[d]))));
    return {
      antalIndsatser: (g: Prisgruppe | null) => {
        if (g === null) {
          return applyFilter(db('indsats_maaned').countDistinct<{ n: string | number }[]>('indsats_id as n'), q.filter).then((r) => Number(r[0]?.n ?? 0));
        }
        // one statement for every group of the page, restricted to those groups' rows
        counts ??= (async () => {
          if (!page.length) return new Map<string, number>();
          const cq = applyFilter(
            db('indsats_maaned')
              .select(dims.map((d) => db.raw('??', [`indsats_maaned.${d}`])))
              .countDistinct('indsats_id as n'),
            q.filter,
          );
          if (dims.length) {
            cq.groupBy(dims.map((d) => `indsats_maaned.${d}`));
            // the page's groups joined as a VALUES list (a hash join; a row-value IN list becomes a chain of ORs)
            const cast: Record<string, string> = { paragraf: 'text', leverandoer_id: 'int', konto: 'text', team_id: 'int', maaned: 'date', aar: 'int' };
            const tuple = `(${dims.map((d) => `?::${cast[d]}`).join(', ')})`;
            cq.joinRaw(
              `join (values ${page.map(() => tuple).join(', ')}) as side_grupper (${dims.map((d) => `g_${d}`).join(', ')}) on ${dims.map((d) => `indsats_maaned.${d} = side_grupper.g_${d}`).join(' and ')}`,
              page.flatMap((r) => dims.map((d) => (d === 'maaned' ? String(r[d]).slice(0, 10) : (r[d] as string | number)))),
            );
          }
          const out = new Map<string, number>();
          for (const r of (await cq) as Array<Record<string, unknown>>) out.set(keyOf(r), Number(r.n));
          return out;
        })();
        return counts.then((m) => m.get(keyOf(groupRow(g))) ?? 0);
      },
      rows: page.map((r) => toGruppe(r, q.glidningProcent)),
      hasNextPage: rows.length > q.page.first,
      offset: q.page.offset,
      total: () =>
        (total ??=
          rows.length > 0
            ? Promise.resolve(Number(rows[0]!.antal_grupper))
            : db
                .from(grouped().as('g'))
                .count<{ n: string | number }[]>('* as n')
                .then((r) => Number(r[0]?.n ?? 0))),
      sum: () =>
        (sum ??=
          windowedTotals && rows.length > 0 && (!iAltSummer || iAltSummer.size > 0)
            ? Promise.resolve(toGruppe(Object.fromEntries(Object.keys(aggregates(k)).map((name) => [name, rows[0]![`i_alt_${name}`]])), q.glidningProcent))
            : applyFilter(db('indsats_maaned').select(db.raw(sums(k))), q.filter)
                .first()
                .then((r: Record<string, unknown>) => toGruppe(r ?? {}, q.glidningProcent))),
    };
  });
}

/** Per indsats, over all its months in the store (one statement for a batch of indsatser). */
export async function prisoversigtByIndsats(db: Knex, ids: readonly number[], policy: PrecedencePolicy): Promise<Map<number, IndsatsPrisoversigt>> {
  const rows = await db('indsats_maaned')
    .select(
      'indsats_id',
      db.raw(sums(kontraktColumn(policy))),
      db.raw('1 as antal_indsatser, count(*) filter (where dage > 0)::int as maaneder, min(maaned) as fra, max(maaned) as til'),
    )
    .whereIn('indsats_id', [...ids])
    .groupBy('indsats_id');
  return new Map(
    rows.map((r: Record<string, unknown>) => [
      Number(r.indsats_id),
      { ...toBeloeb(r), maaneder: Number(r.maaneder), fra: r.fra ? String(r.fra).slice(0, 7) : null, til: r.til ? String(r.til).slice(0, 7) : null },
    ]),
  );
}
