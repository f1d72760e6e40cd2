import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reconcileSetup, type ReconcileSetup } from '../../scripts/reconcile-setup';
import { formatAccuracy, measure, type Accuracy } from '../../scripts/accuracy-measure';
import { runReconciliation, type ReconcileOptions } from '../../src/reconcile/job/run';
import { PLANTED_KINDS } from '../../simulators/model';
import { createWorldCache } from '../../src/reconcile/job/world-cache';

/**
 * The reconciliation job through the real connectors (PGlite databases, both stand-ins over HTTP) on the
 * `test` municipality, measured against the generator's ground-truth manifest — never against numbers
 * the job reports about itself.
 */
let s: ReconcileSetup;
let opts: ReconcileOptions;
let accuracy: Accuracy;

beforeAll(async () => {
  s = await reconcileSetup({ preset: 'test', seed: 7, sources: 'pglite', store: 'pglite' });
  // the sources held between runs, as the scheduler does: the incremental runs below go by change markers
  opts = { db: s.store.db, connectors: s.connectors, clock: s.clock, worldCache: createWorldCache() };
  const run = await runReconciliation(opts, { type: 'FULD', udloeser: 'MANUEL' });
  expect(run.status).toBe('OK');
  accuracy = await measure(s.store.db, s.municipality.manifest);
  console.log(formatAccuracy(accuracy, 'test preset (seed 7)').join('\n'));
});

afterAll(async () => {
  await s?.close();
});

describe('reconciliation against the ground truth', () => {
  it('matches postings to indsatser with precision ≥ 0.99 and recall ≥ 0.97', () => {
    expect(accuracy.belonging).toBeGreaterThan(1000);
    expect(accuracy.precision).toBeGreaterThanOrEqual(0.99);
    expect(accuracy.recall).toBeGreaterThanOrEqual(0.97);
  });

  it('stores every posting, each matched to at most one indsats or explicitly unmatched', async () => {
    const n = (await s.store.db('postering_match').count('* as n'))[0]!.n;
    expect(Number(n)).toBe(Object.keys(s.municipality.manifest.posteringer).length);
    const unmatched = await s.store.db('postering_match').whereNull('indsats_id').distinct('regel').pluck('regel');
    expect(unmatched.every((r: string) => ['INGEN_KANDIDAT', 'TVETYDIG', 'AFVIST'].includes(r))).toBe(true);
  });

  it('reports every planted kind of disagreement as an afvigelse pointing to the records involved', () => {
    for (const kind of PLANTED_KINDS) {
      const k = accuracy.kinds.find((x) => x.kind === kind)!;
      expect(k.planted, kind).toBeGreaterThan(0);
      expect(k.found / k.planted, `${kind}: ${k.found} of ${k.planted} planted found`).toBeGreaterThanOrEqual(0.8);
    }
  });

  it('does not report internal providers financed by budget as missing payments', async () => {
    const internal = s.municipality.fagsystem.leverandoerer.filter((l) => !l.afregnes_pr_borger).map((l) => l.leverandoer_id);
    const reported = await s.store.db('afvigelse').where({ art: 'INDSATS_UDEN_BETALING' }).whereIn('leverandoer_id', internal).count('* as n');
    expect(internal.length).toBeGreaterThan(0);
    expect(Number(reported[0]!.n)).toBe(0);
  });

  it('keeps no CPR in the store', async () => {
    const cprs = new Set(s.municipality.fagsystem.borgere.map((b) => b.cpr));
    for (const table of ['postering_match', 'afvigelse', 'indsats_afstemning', 'attribut_kontrol', 'afstemning_koersel']) {
      const rows = await s.store.db(table).select('*');
      const text = JSON.stringify(rows);
      const found = [...text.matchAll(/\d{10}/g)].filter((m) => cprs.has(m[0]));
      expect(found, table).toHaveLength(0);
    }
  });
});

describe('incremental runs', () => {
  it('reads only postings registered since the watermark and matches them like the full run', async () => {
    const oek = s.oekonomiDb;
    const last = await oek('postering').orderBy('postering_id', 'desc').first();
    // three new invoices, copies of matched postings for the next month, registered after everything else
    const templates = (
      await s.store.db('postering_match').whereNotNull('indsats_id').where('regel', 'CPR_KONTO_KREDITOR_PERIODE').orderBy('postering_id').limit(3)
    ).map((r) => Number(r.postering_id));
    const rows = await oek('postering').whereIn('postering_id', templates).orderBy('postering_id');
    const fresh = rows.map((r: Record<string, unknown>, k: number) => ({
      ...r,
      postering_id: Number(last.postering_id) + 1 + k,
      bilagsnr: `2099${String(k).padStart(7, '0')}`,
      registreret: `2099-01-0${k + 1}T10:00:00`,
    }));
    await oek('postering').insert(fresh);
    const run = await runReconciliation(opts, { type: 'INKREMENTEL', udloeser: 'MANUEL' });
    expect(run.status).toBe('OK');
    expect(run.koersel!.type).toBe('INKREMENTEL');
    expect(run.koersel!.antalPosteringer).toBe(3);
    expect(run.koersel!.posteringerTil).toBe('2099-01-03T10:00:00');
    const before = await s.store.db('postering_match').whereIn('postering_id', templates).orderBy('postering_id').pluck('indsats_id');
    const after = await s.store
      .db('postering_match')
      .whereIn(
        'postering_id',
        fresh.map((f) => f.postering_id),
      )
      .orderBy('postering_id')
      .pluck('indsats_id');
    expect(after).toEqual(before);
    // a copy of an invoice is a duplicate of it: found for the indsats the run touched
    const dup = await s.store
      .db('afvigelse')
      .where({ art: 'DUBLET_POSTERING' })
      .whereIn(
        'postering_id',
        fresh.map((f) => f.postering_id),
      )
      .pluck('relateret_postering_id');
    expect(dup.map(Number).sort()).toEqual(templates.sort());
  });

  it('recomputes only the indsatser whose inputs changed, and sees the change', async () => {
    // end an indsats that has payments one month earlier in the fagsystem: its last payment falls after the end
    const m = (await s.store
      .db('postering_match')
      .whereNotNull('indsats_id')
      .where('regel', 'CPR_KONTO_KREDITOR_PERIODE')
      .select('indsats_id')
      .max('periode_fra as sidste')
      .groupBy('indsats_id')
      .orderBy('indsats_id')
      .first())!;
    const sidste = String(m.sidste);
    const slut = new Date(Date.parse(`${sidste}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    await s.fagsystemDb('indsats').where({ indsats_id: m.indsats_id }).update({ faktisk_slut: slut, status: 'AFSLUTTET' });
    const run = await runReconciliation(opts, { type: 'INKREMENTEL', udloeser: 'MANUEL' });
    expect(run.koersel!.antalPosteringer).toBeGreaterThan(0);
    expect(run.koersel!.antalIndsatser).toBeLessThan(20);
    const after = await s.store.db('afvigelse').where({ art: 'BETALING_EFTER_SLUT', indsats_id: m.indsats_id });
    expect(after.length).toBeGreaterThan(0);
  });

  it('drops postings gone from the ledger', async () => {
    const gone = await s.store.db('postering_match').whereNotNull('indsats_id').orderBy('postering_id', 'desc').first();
    await s.oekonomiDb('postering').where({ postering_id: gone.postering_id }).delete();
    const run = await runReconciliation(opts, { type: 'INKREMENTEL', udloeser: 'MANUEL' });
    expect(run.koersel!.antalForsvundne).toBe(1);
    expect(await s.store.db('postering_match').where({ postering_id: gone.postering_id }).first()).toBeUndefined();
  });

  it('runs one at a time: a run asked for while one is going on is skipped, not queued', async () => {
    const [a, b] = await Promise.all([
      runReconciliation(opts, { type: 'INKREMENTEL', udloeser: 'MANUEL' }),
      runReconciliation(opts, { type: 'INKREMENTEL', udloeser: 'MANUEL' }),
    ]);
    expect([a.status, b.status].sort()).toEqual(['OK', 'SPRUNGET_OVER']);
  });
});
