import type { Knex } from 'knex';
import { refreshFaktisk } from '../comparison/faktisk';
import { indsatsFindings, type IndsatsFacts } from '../discrepancies/indsats-findings';
import { deleteStaleFindings, upsertFindings } from '../discrepancies/write';
import { monthPrices } from '../prices/month-prices';
import type { RunWorld } from './world';
import { insertUnnest, type Column } from './bulk';

const MONTH_COLUMNS: Column[] = [
  { name: 'indsats_id', type: 'int' }, { name: 'maaned', type: 'date' }, { name: 'aar', type: 'smallint' }, { name: 'paragraf', type: 'text' },
  { name: 'leverandoer_id', type: 'int' }, { name: 'konto', type: 'text' }, { name: 'team_id', type: 'int' }, { name: 'afregnes_pr_borger', type: 'boolean' },
  { name: 'dage', type: 'smallint' }, { name: 'forventet_oere', type: 'bigint' }, { name: 'kontrakt_fagsystem_oere', type: 'bigint' },
  { name: 'kontrakt_oekonomi_oere', type: 'bigint' }, { name: 'takst_oere', type: 'bigint' }, { name: 'faktisk_oere', type: 'bigint' }, { name: 'antal_posteringer', type: 'int' },
];

/**
 * Per indsats: its row in `indsats_afstemning` (version and grouping dimensions), its month rows with the
 * four prices, faktisk from its matched postings, and its findings — for a chunk of indsatser per
 * transaction, so readers never see an indsats with prices but without its payments.
 */
export interface IndsatsLevelContext {
  db: Knex;
  world: RunWorld;
  koerselId: number;
  now: Date;
  horizon: { fra: string; til: string };
  glidningProcent: number;
}

export async function recomputeIndsatser(ctx: IndsatsLevelContext, ids: readonly number[]): Promise<void> {
  for (let k = 0; k < ids.length; k += 500) {
    const chunk = ids.slice(k, k + 500).filter((id) => ctx.world.indsatser.has(id));
    if (!chunk.length) continue;
    const afstemning: object[] = [];
    const maaneder: object[] = [];
    const facts: IndsatsFacts[] = [];
    for (const id of chunk) {
      const r = ctx.world.indsatser.get(id)!;
      const m = r.m;
      afstemning.push({
        indsats_id: id, version: r.version, sag_id: m.sagId, borger_id: m.borgerId, team_id: m.teamId, leverandoer_id: m.leverandoerId, paragraf: m.paragraf,
        konto: m.kontonummer, status: m.status, start: m.start, slut: m.slut, afregnes_pr_borger: m.afregnesPrBorger, koersel_id: ctx.koerselId,
      });
      const tilbud = ctx.world.identity.tilbudOf.get(m.leverandoerId) ?? null;
      const months = r.indsats
        ? monthPrices({
            indsats: r.indsats, start: m.start, slut: m.slut, bestillinger: r.match.bestillingspriser, kontrakter: r.match.kontraktpriser,
            takster: tilbud?.takster ?? null, ydelseskoder: r.ydelseskoder, horizon: ctx.horizon,
          })
        : [];
      // an indsats not yet started (BEVILGET) has no months of service: nothing is expected or contracted yet
      const served = m.status === 'BEVILGET' ? [] : months;
      for (const x of served) {
        maaneder.push({
          indsats_id: id, maaned: x.maaned, aar: x.aar, paragraf: m.paragraf, leverandoer_id: m.leverandoerId, konto: m.kontonummer, team_id: m.teamId,
          afregnes_pr_borger: m.afregnesPrBorger, dage: x.dage,
          forventet_oere: x.forventet, kontrakt_fagsystem_oere: x.kontraktFagsystem, kontrakt_oekonomi_oere: x.kontraktOekonomi, takst_oere: x.takst,
          faktisk_oere: 0, antal_posteringer: 0,
        });
      }
      facts.push({
        indsatsId: id, borgerId: m.borgerId, leverandoerId: m.leverandoerId, status: m.status, afregnesPrBorger: m.afregnesPrBorger,
        aktiveMaaneder: served.length, bestillinger: r.bestillinger, kontrakter: r.kontrakter, start: m.start, slut: m.slut,
      });
    }
    await ctx.db.transaction(async (trx) => {
      await trx('indsats_afstemning').insert(afstemning).onConflict('indsats_id').merge();
      await trx('indsats_maaned').whereIn('indsats_id', chunk).delete();
      await insertUnnest(trx, 'indsats_maaned', MONTH_COLUMNS, maaneder as Array<Record<string, unknown>>);
      await refreshFaktisk(trx, chunk);
      const fund = await indsatsFindings(trx, facts, { glidningProcent: ctx.glidningProcent });
      await upsertFindings(trx, fund, ctx.koerselId, ctx.now);
      await deleteStaleFindings(trx, { omfang: 'INDSATS', column: 'indsats_id', ids: chunk, koerselId: ctx.koerselId });
    });
  }
}

/** An indsats gone from the fagsystem: its derived rows go (its postings were re-matched before). */
export async function removeIndsatser(db: Knex, ids: readonly number[]): Promise<void> {
  for (let k = 0; k < ids.length; k += 5000) {
    const chunk = ids.slice(k, k + 5000);
    await db.transaction(async (trx) => {
      await trx('indsats_maaned').whereIn('indsats_id', chunk).delete();
      await trx('indsats_afstemning').whereIn('indsats_id', chunk).delete();
      await trx('afvigelse').whereIn('indsats_id', chunk).whereIn('omfang', ['INDSATS']).delete();
    });
  }
}
