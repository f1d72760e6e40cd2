import type { Knex } from 'knex';
import type { Municipality } from '../../simulators/model';

/**
 * The contract price per provider and month of a year, from the sources themselves (not the gateway's store):
 * SQL on the fagsystem for every indsats-month in which the indsats ran (actual dates where known; a BEVILGET
 * indsats has not started) and the bestilling valid on the first day it ran that month (VUM 2.0 ID 68), the
 * monthly price prorated by the days it ran like an invoice (half up to whole øre) — and where the economy's
 * contract register says another amount for that bestilling's period, the register's amount, the one invoices
 * are paid by (the generator's KONTRAKTPRIS_AFVIGER in the manifest). A register entry without a CPR names no
 * citizen, so nothing ties it to one indsats: there the bestilling stands.
 * Keyed `<leverandoer_id>|YYYY-MM`, in øre.
 */
export async function kontraktPerLeverandoerOgMaaned(fagsystem: Knex, m: Municipality, aar: number): Promise<Map<string, number>> {
  // actual dates where known: a started indsats without an actual end is still running (as indsatsActive)
  const { rows } = await fagsystem.raw(
    `with i as (
       select indsats_id, leverandoer_id, status, coalesce(faktisk_start, forventet_start) as start,
              case when faktisk_start is not null then faktisk_slut else forventet_slut end as slut
         from indsats),
     x as (
       select i.indsats_id, i.leverandoer_id, mdr::date as maaned,
              greatest(mdr::date, i.start) as fra,
              least((mdr + interval '1 month - 1 day')::date, coalesce(i.slut, 'infinity'::date)) as til,
              extract(day from mdr + interval '1 month - 1 day')::int as dage_i_maaned
         from i cross join generate_series(cast(? as date), cast(? as date), interval '1 month') mdr
        where i.status <> 'BEVILGET' and i.start <= (mdr + interval '1 month - 1 day')::date and (i.slut is null or i.slut >= mdr::date))
     select x.leverandoer_id, to_char(x.maaned, 'YYYY-MM') as maaned, b.bestilling_id, cast(round(b.kontraktpris_pr_maaned * 100) as bigint) as pris_oere,
            x.til - x.fra + 1 as dage, x.dage_i_maaned
       from x cross join lateral (
         select bestilling_id, kontraktpris_pr_maaned from bestilling b
          where b.indsats_id = x.indsats_id and b.gyldig_fra <= x.fra and (b.gyldig_til is null or b.gyldig_til >= x.fra)
          order by b.gyldig_fra desc limit 1) b`,
    [`${aar}-01-01`, `${aar}-12-01`],
  );
  const kontrakter = new Map(m.oekonomi.kontrakter.map((k) => [k.kontrakt_nr, k]));
  const oekonomiPris = new Map<number, number>();
  for (const p of m.manifest.planted) {
    if (p.kind !== 'KONTRAKTPRIS_AFVIGER' || !p.kontrakt_nr || p.bestilling_id === undefined) continue;
    const k = kontrakter.get(p.kontrakt_nr)!;
    if (k.cpr !== null) oekonomiPris.set(p.bestilling_id, Math.round(Number(k.beloeb_pr_maaned) * 100));
  }
  const truth = new Map<string, number>();
  for (const r of rows as Array<{ leverandoer_id: number; maaned: string; bestilling_id: number; pris_oere: string; dage: number; dage_i_maaned: number }>) {
    const pris = oekonomiPris.get(Number(r.bestilling_id)) ?? Number(r.pris_oere);
    const oere = r.dage >= r.dage_i_maaned ? pris : Math.floor((2 * pris * r.dage + r.dage_i_maaned) / (2 * r.dage_i_maaned));
    const key = `${r.leverandoer_id}|${r.maaned}`;
    truth.set(key, (truth.get(key) ?? 0) + oere);
  }
  return truth;
}
