import type { Knex } from 'knex';
import { overlapAfvigelser } from '../rules/afvigelser/overlap-afvigelser';
import { indsatsAfvigelser, type IndsatsFacts, type IndsatsSums, type MatchedPosting } from '../rules/afvigelser/indsats-afvigelser';
import { monthPrices } from '../rules/prices/month-prices';
import { chunked } from '../chunked';
import { deleteStaleAfvigelser, upsertAfvigelser } from './afvigelser-write';
import type { RunWorld } from './world';
import { insertUnnest, type Column } from './bulk';
import type { RunFence } from './fence';

const MONTH_COLUMNS: Column[] = [
  { name: 'indsats_id', type: 'int' },
  { name: 'maaned', type: 'date' },
  { name: 'aar', type: 'smallint' },
  { name: 'paragraf', type: 'text' },
  { name: 'leverandoer_id', type: 'int' },
  { name: 'konto', type: 'text' },
  { name: 'team_id', type: 'int' },
  { name: 'borger_id', type: 'int' },
  { name: 'afregnes_pr_borger', type: 'boolean' },
  { name: 'dage', type: 'smallint' },
  { name: 'forventet_oere', type: 'bigint' },
  { name: 'kontrakt_fagsystem_oere', type: 'bigint' },
  { name: 'kontrakt_oekonomi_oere', type: 'bigint' },
  { name: 'takst_oere', type: 'bigint' },
  { name: 'faktisk_oere', type: 'bigint' },
  { name: 'antal_posteringer', type: 'int' },
];

/**
 * Per indsats: its row in `indsats_afstemning` (version and grouping dimensions), its month rows with the
 * four prices and faktisk from its matched postings, and its afvigelser — for a chunk of indsatser per
 * transaction, so readers never see an indsats with prices but without its payments. Per chunk the store is
 * read once (the matched postings, by index) and written once per table: faktisk, the sums and the
 * posting-group afvigelser are computed from that one read.
 */
export interface IndsatsLevelContext {
  db: Knex;
  fence: RunFence;
  world: RunWorld;
  koerselId: number;
  now: Date;
  horizon: { fra: string; til: string };
  glidningProcent: number;
}

export async function recomputeIndsatser(ctx: IndsatsLevelContext, ids: readonly number[]): Promise<void> {
  for (const slice of chunked(ids, 1000)) {
    const chunk = slice.filter((id) => ctx.world.indsatser.has(id));
    if (!chunk.length) continue;
    await ctx.fence.write(async (trx) => {
      const postings = await matchedPostings(trx, chunk);
      const { afstemning, maaneder, facts, sums } = derive(ctx, chunk, postings);
      await trx('indsats_afstemning').insert(afstemning).onConflict('indsats_id').merge();
      await trx('indsats_maaned').whereIn('indsats_id', chunk).delete();
      // by month: a chunk's rows of one month land on neighbouring pages, so a question over a year (the
      // analytics' INDSATSMAANED) reads a third of the table's pages instead of every page
      maaneder.sort((a, b) => (a.maaned === b.maaned ? (a.indsats_id as number) - (b.indsats_id as number) : String(a.maaned) < String(b.maaned) ? -1 : 1));
      await insertUnnest(trx, 'indsats_maaned', MONTH_COLUMNS, maaneder);
      const fund = indsatsAfvigelser(facts, postings, sums, { glidningProcent: ctx.glidningProcent });
      for (const id of chunk) {
        const mi = ctx.world.index.get(id);
        if (mi) fund.push(...overlapAfvigelser(mi, ctx.world.index.byBorger(mi.borgerId)));
      }
      await upsertAfvigelser(trx, fund, ctx.koerselId, ctx.now);
      await deleteStaleAfvigelser(trx, { omfang: 'INDSATS', column: 'indsats_id', ids: chunk, koerselId: ctx.koerselId });
    });
  }
}

/** The postings matched to a chunk of indsatser, per indsats in registration order (one indexed read). */
async function matchedPostings(db: Knex, ids: readonly number[]): Promise<MatchedPosting[]> {
  const sorted = [...ids].sort((a, b) => a - b);
  // a contiguous chunk (a full run) is a range scan; a sparse one (incremental) a list
  const contiguous = sorted[sorted.length - 1]! - sorted[0]! + 1 === sorted.length;
  const q = db('postering_match').select('postering_id', 'indsats_id', 'kreditor_nr', 'konto', 'periode_fra', 'periode_til', 'beloeb_oere', 'registreret');
  if (contiguous) q.whereBetween('indsats_id', [sorted[0]!, sorted[sorted.length - 1]!]);
  else q.whereIn('indsats_id', sorted);
  const rows: Array<Record<string, unknown>> = await q.orderBy([{ column: 'indsats_id' }, { column: 'registreret' }, { column: 'postering_id' }]);
  return rows.map((r) => ({
    posteringId: Number(r.postering_id),
    indsatsId: Number(r.indsats_id),
    kreditorNr: (r.kreditor_nr as string | null) ?? null,
    konto: String(r.konto),
    periodeFra: String(r.periode_fra),
    periodeTil: String(r.periode_til),
    beloebOere: Number(r.beloeb_oere),
    registreret: String(r.registreret),
  }));
}

function derive(ctx: IndsatsLevelContext, chunk: readonly number[], postings: readonly MatchedPosting[]) {
  // faktisk per indsats and month: a posting counts in the month its service period starts
  const paid = new Map<string, { oere: number; antal: number }>();
  for (const p of postings) {
    const key = `${p.indsatsId}|${p.periodeFra.slice(0, 7)}-01`;
    const e = paid.get(key);
    if (e) {
      e.oere += p.beloebOere;
      e.antal++;
    } else paid.set(key, { oere: p.beloebOere, antal: 1 });
  }
  const afstemning: Array<Record<string, unknown>> = [];
  const maaneder: Array<Record<string, unknown>> = [];
  const facts: IndsatsFacts[] = [];
  const sums = new Map<number, IndsatsSums>();
  for (const id of chunk) {
    const r = ctx.world.indsatser.get(id)!;
    const m = r.m;
    afstemning.push({
      indsats_id: id,
      version: r.version,
      sag_id: m.sagId,
      borger_id: m.borgerId,
      team_id: m.teamId,
      leverandoer_id: m.leverandoerId,
      paragraf: m.paragraf,
      konto: m.kontonummer,
      status: m.status,
      start: m.start,
      slut: m.slut,
      afregnes_pr_borger: m.afregnesPrBorger,
      koersel_id: ctx.koerselId,
    });
    const tilbud = ctx.world.identity.tilbudOf.get(m.leverandoerId) ?? null;
    // an indsats not yet started (BEVILGET) has no months of service: nothing is expected or contracted yet
    const served =
      r.indsats && m.status !== 'BEVILGET'
        ? monthPrices({
            indsats: r.indsats,
            start: m.start,
            slut: m.slut,
            bestillinger: r.match.bestillingspriser,
            kontrakter: r.match.kontraktpriser,
            takster: tilbud?.takster ?? null,
            ydelseskoder: r.ydelseskoder,
            horizon: ctx.horizon,
          })
        : [];
    const dims = {
      indsats_id: id,
      paragraf: m.paragraf,
      leverandoer_id: m.leverandoerId,
      konto: m.kontonummer,
      team_id: m.teamId,
      // the citizen on the month row itself: distinct citizens per group (suppression) without a join
      borger_id: m.borgerId,
      afregnes_pr_borger: m.afregnesPrBorger,
    };
    const sum: IndsatsSums = { faktisk: 0, kontrakt: null, antal: 0 };
    for (const x of served) {
      const key = `${id}|${x.maaned}`;
      const f = paid.get(key) ?? { oere: 0, antal: 0 };
      paid.delete(key);
      maaneder.push({
        ...dims,
        maaned: x.maaned,
        aar: x.aar,
        dage: x.dage,
        forventet_oere: x.forventet,
        kontrakt_fagsystem_oere: x.kontraktFagsystem,
        kontrakt_oekonomi_oere: x.kontraktOekonomi,
        takst_oere: x.takst,
        faktisk_oere: f.oere,
        antal_posteringer: f.antal,
      });
      const k = x.kontraktOekonomi ?? x.kontraktFagsystem;
      if (k !== null) sum.kontrakt = (sum.kontrakt ?? 0) + k;
      sum.faktisk += f.oere;
      sum.antal += f.antal;
    }
    sums.set(id, sum);
    facts.push({
      indsatsId: id,
      borgerId: m.borgerId,
      leverandoerId: m.leverandoerId,
      status: m.status,
      afregnesPrBorger: m.afregnesPrBorger,
      aktiveMaaneder: served.length,
      bestillinger: r.bestillinger,
      kontrakter: r.kontrakter,
      start: m.start,
      slut: m.slut,
    });
  }
  // months with payments in which the indsats did not run (after its end, before its start): no prices
  for (const [key, f] of paid) {
    const [idText, maaned] = key.split('|') as [string, string];
    // a month after the horizon is not invoiced yet (invoicing-lag.ts): compared once it is
    if (maaned > ctx.horizon.til) continue;
    const id = Number(idText);
    const m = ctx.world.indsatser.get(id)!.m;
    maaneder.push({
      indsats_id: id,
      paragraf: m.paragraf,
      leverandoer_id: m.leverandoerId,
      konto: m.kontonummer,
      team_id: m.teamId,
      borger_id: m.borgerId,
      afregnes_pr_borger: m.afregnesPrBorger,
      maaned,
      aar: Number(maaned.slice(0, 4)),
      dage: 0,
      forventet_oere: null,
      kontrakt_fagsystem_oere: null,
      kontrakt_oekonomi_oere: null,
      takst_oere: null,
      faktisk_oere: f.oere,
      antal_posteringer: f.antal,
    });
    const s = sums.get(id)!;
    s.faktisk += f.oere;
    s.antal += f.antal;
  }
  return { afstemning, maaneder, facts, sums };
}

/** An indsats gone from the fagsystem: its derived rows go (its postings were re-matched before). */
export async function removeIndsatser(fence: RunFence, ids: readonly number[]): Promise<void> {
  for (const chunk of chunked(ids, 5000)) {
    await fence.write(async (trx) => {
      await trx('indsats_maaned').whereIn('indsats_id', chunk).delete();
      await trx('indsats_afstemning').whereIn('indsats_id', chunk).delete();
      await trx('afvigelse').whereIn('indsats_id', chunk).whereIn('omfang', ['INDSATS']).delete();
    });
  }
}
