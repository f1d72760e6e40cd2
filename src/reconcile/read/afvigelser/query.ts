import type { Knex } from 'knex';
import type { Afvigelsesart } from '../../rules/afvigelser/kinds';
import type { Afvigelse, AfvigelseAntal, AfvigelseFilter, AfvigelseListe, AfvigelseQuery } from '../../rules/afvigelser/types';

/** The afvigelse list and its counts, filtered and paged in SQL (keyset on afvigelse_id). */
function applyFilter(q: Knex.QueryBuilder, f: AfvigelseFilter, opts: { arter: boolean }): Knex.QueryBuilder {
  if (opts.arter && f.arter) q.whereIn('a.art', f.arter);
  if (f.indsatsIds) q.whereIn('a.indsats_id', f.indsatsIds);
  if (f.borgerIds) q.whereIn('a.borger_id', f.borgerIds);
  if (f.leverandoerIds) q.whereIn('a.leverandoer_id', f.leverandoerIds);
  if (f.posteringIds) q.where((w) => void w.whereIn('a.postering_id', f.posteringIds!).orWhereIn('a.relateret_postering_id', f.posteringIds!));
  if (f.kreditorNr) q.whereIn('a.kreditor_nr', f.kreditorNr);
  if (f.maanedFra) q.where('a.maaned', '>=', f.maanedFra);
  if (f.maanedTil) q.where('a.maaned', '<=', f.maanedTil);
  if (f.scopeTeamIds) {
    // the row rule: afvigelser about the scope's indsatser or citizens; provider-level afvigelser (no posting,
    // indsats or citizen) are not about anyone's case and stay visible
    const teams = f.scopeTeamIds;
    q.where(
      (w) =>
        void w
          .whereIn('a.indsats_id', function (this: Knex.QueryBuilder) {
            void this.select('indsats_id')
              .from('indsats_afstemning')
              .whereIn('team_id', [...teams]);
          })
          .orWhere(
            (x) =>
              void x.whereNull('a.indsats_id').whereIn('a.borger_id', function (this: Knex.QueryBuilder) {
                void this.select('borger_id')
                  .from('indsats_afstemning')
                  .whereIn('team_id', [...teams]);
              }),
          )
          .orWhere((x) => void x.whereNull('a.indsats_id').whereNull('a.borger_id').whereNull('a.postering_id').whereNull('a.relateret_postering_id')),
    );
  }
  return q;
}

export async function listAfvigelser(db: Knex, q: AfvigelseQuery): Promise<AfvigelseListe> {
  const query = applyFilter(
    db('afvigelse as a').leftJoin('postering_match as pm', 'pm.postering_id', 'a.postering_id').select('a.*', 'pm.bilagsnr'),
    q.filter,
    { arter: true },
  )
    .orderBy('a.afvigelse_id')
    .limit(q.page.first + 1);
  if (q.page.afterId !== null) query.where('a.afvigelse_id', '>', q.page.afterId);
  const rows: Record<string, unknown>[] = await query;
  return { rows: rows.slice(0, q.page.first).map(toAfvigelse), hasNextPage: rows.length > q.page.first };
}

/** Counts per kind under every filter except the kinds themselves (so a client can show all kinds as facets). */
export async function countPerArt(db: Knex, filter: AfvigelseFilter): Promise<AfvigelseAntal[]> {
  const rows = await applyFilter(db('afvigelse as a'), filter, { arter: false }).select('a.art').count('* as n').groupBy('a.art').orderBy('a.art');
  return rows.map((r: Record<string, unknown>) => ({ art: r.art as Afvigelsesart, antal: Number(r.n) }));
}

function toAfvigelse(r: Record<string, unknown>): Afvigelse {
  const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  const detaljer = typeof r.detaljer === 'string' ? JSON.parse(r.detaljer) : ((r.detaljer as Record<string, unknown> | null) ?? null);
  return {
    afvigelseId: Number(r.afvigelse_id),
    noegle: String(r.noegle),
    art: r.art as Afvigelsesart,
    omfang: r.omfang as Afvigelse['omfang'],
    posteringId: n(r.postering_id),
    relateretPosteringId: n(r.relateret_postering_id),
    indsatsId: n(r.indsats_id),
    borgerId: n(r.borger_id),
    leverandoerId: n(r.leverandoer_id),
    kreditorNr: (r.kreditor_nr as string | null) ?? null,
    maaned: r.maaned ? String(r.maaned).slice(0, 10) : null,
    beloebOere: n(r.beloeb_oere),
    felt: (r.felt as string | null) ?? null,
    detaljer,
    bilagsnr: (r.bilagsnr as string | null) ?? (detaljer?.bilagsnr as string | undefined) ?? null,
    fundet: new Date(r.fundet as string).toISOString(),
  };
}
