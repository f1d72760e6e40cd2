import type { Knex } from 'knex';
import { chunked } from '../../chunked';

/**
 * Faktisk pris per indsats and month in the reconciled store: the sum of the postings matched to the
 * indsats, placed in the month their service period starts (like src/reconcile/rules/prices/actual-price.ts).
 * Recomputed in SQL for a set of indsatser whenever their matches change (a run, a manual decision); a
 * month that has payments but in which the indsats did not run gets a row of its own (dage 0, no prices),
 * so a payment after the end still counts in every grouping.
 */
export async function refreshFaktisk(db: Knex, indsatsIds: readonly number[]): Promise<void> {
  for (const ids of chunked(indsatsIds, 5000)) {
    await db.raw(
      'update indsats_maaned set faktisk_oere = 0, antal_posteringer = 0 where indsats_id = any(?::int[]) and (faktisk_oere <> 0 or antal_posteringer <> 0)',
      [ids],
    );
    await db.raw(
      `insert into indsats_maaned (indsats_id, maaned, aar, paragraf, leverandoer_id, konto, team_id, borger_id, afregnes_pr_borger, dage, faktisk_oere, antal_posteringer)
       select pm.indsats_id, date_trunc('month', pm.periode_fra)::date, extract(year from pm.periode_fra)::int,
              ia.paragraf, ia.leverandoer_id, ia.konto, ia.team_id, ia.borger_id, ia.afregnes_pr_borger, 0, sum(pm.beloeb_oere), count(*)
         from postering_match pm join indsats_afstemning ia on ia.indsats_id = pm.indsats_id
        where pm.indsats_id = any(?::int[])
        group by 1, 2, 3, 4, 5, 6, 7, 8, 9
       on conflict (indsats_id, maaned) do update set faktisk_oere = excluded.faktisk_oere, antal_posteringer = excluded.antal_posteringer`,
      [ids],
    );
    await db.raw('delete from indsats_maaned where indsats_id = any(?::int[]) and dage = 0 and antal_posteringer = 0', [ids]);
  }
}
