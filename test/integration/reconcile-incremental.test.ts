import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reconcileSetup, type ReconcileSetup } from '../../scripts/reconcile-setup';
import { runReconciliation, type ReconcileOptions } from '../../src/reconcile/job/run';
import { createWorldCache } from '../../src/reconcile/job/world-cache';
import { startReconciliation } from '../../src/reconcile/job/scheduler';

/**
 * Incremental runs by change markers (issue 11; real PostgreSQL for sources and store): with nothing changed a run reads the sources' markers, not
 * the sources; after new postings and changed indsatser it matches only what changed — and the store
 * then holds what a full run over the same sources holds, which is what the generator's ground truth says.
 */
let s: ReconcileSetup;
let opts: ReconcileOptions;
const phases: string[] = [];
/** generated postings held back from the ledger before the full run: they arrive later, with their ground truth */
let heldBack: Array<Record<string, unknown>>;

beforeAll(async () => {
  s = await reconcileSetup({ preset: 'test', seed: 11, sources: 'postgres', store: 'postgres' });
  const truth = s.municipality.manifest.posteringer;
  const messy = new Set((s.municipality.manifest.matchtilfaelde ?? []).map((t) => t.bilagsnr));
  const ordinary = Object.keys(truth)
    .filter((b) => truth[b] !== null && !messy.has(b))
    .sort();
  const pick = ordinary.filter((_, k) => k % 40 === 0);
  heldBack = await s.oekonomiDb('postering').whereIn('bilagsnr', pick).orderBy('postering_id');
  await s.oekonomiDb('postering').whereIn('bilagsnr', pick).delete();
  opts = { db: s.store.db, connectors: s.connectors, clock: s.clock, worldCache: createWorldCache(), onPhase: (p) => phases.push(p) };
  const run = await runReconciliation(opts, { type: 'FULD', udloeser: 'MANUEL' });
  expect(run.status).toBe('OK');
}, 240_000);

afterAll(async () => {
  await s?.close();
});

/** posting → indsats as the store holds it, and the afvigelser by key */
async function snapshot(): Promise<{ matches: Map<number, number | null>; afvigelser: string[] }> {
  const rows = await s.store.db('postering_match').select('postering_id', 'indsats_id');
  const matches = new Map<number, number | null>(rows.map((r) => [Number(r.postering_id), r.indsats_id === null ? null : Number(r.indsats_id)]));
  const afvigelser = (await s.store.db('afvigelse').pluck('noegle')).map(String).sort();
  return { matches, afvigelser };
}

describe('incremental runs by change markers', () => {
  it('with nothing changed reads only the change markers and leaves the store as it was', async () => {
    const before = await snapshot();
    phases.length = 0;
    const run = await runReconciliation(opts, { type: 'INKREMENTEL', udloeser: 'MANUEL' });
    expect(run.koersel!.type).toBe('INKREMENTEL');
    expect(run.koersel!.antalPosteringer).toBe(0);
    expect(phases).toContain('kilder.markoerer');
    // the fagsystem's citizens and indsatser were not read
    expect(phases).not.toContain('kilder.borgere');
    expect(phases).not.toContain('kilder.indsatser');
    const after = await snapshot();
    expect(after.matches).toEqual(before.matches);
    expect(after.afvigelser).toEqual(before.afvigelser);
  });

  it('after new postings and changed indsatser matches them as a full run and the ground truth do', async () => {
    const truth = s.municipality.manifest.posteringer;
    // the held-back postings are registered now, after everything the full run saw
    expect(heldBack.length).toBeGreaterThan(20);
    await s
      .oekonomiDb('postering')
      .insert(
        heldBack.map((r, k) => ({ ...r, registreret: `2099-01-01T10:${String(Math.floor(k / 60)).padStart(2, '0')}:${String(k % 60).padStart(2, '0')}` })),
      );
    // and two indsatser change in the fagsystem: one's scope, another's price
    // (not the indsatser of the held-back postings: their truth is the generated one)
    const theirs = heldBack.map((r) => truth[String(r.bilagsnr)]!);
    const [a, b] = await s.fagsystemDb('indsats').where('status', 'AKTIV').whereNotIn('indsats_id', theirs).orderBy('indsats_id').limit(2).pluck('indsats_id');
    await s
      .fagsystemDb('indsats')
      .where({ indsats_id: a })
      .update({ antal_enheder: s.fagsystemDb.raw('antal_enheder + 1') });
    await s
      .fagsystemDb('bestilling')
      .where({ indsats_id: b })
      .update({ kontraktpris_pr_maaned: s.fagsystemDb.raw('kontraktpris_pr_maaned + 100') });

    phases.length = 0;
    const run = await runReconciliation(opts, { type: 'INKREMENTEL', udloeser: 'MANUEL' });
    expect(run.koersel!.type).toBe('INKREMENTEL');
    // the fagsystem changed: its marker says so and the run reads it again
    expect(phases).toContain('kilder.indsatser');
    const incremental = await snapshot();
    expect(run.koersel!.antalPosteringer).toBeGreaterThanOrEqual(heldBack.length);
    for (const r of heldBack) expect(incremental.matches.get(Number(r.postering_id)), String(r.bilagsnr)).toBe(truth[String(r.bilagsnr)]);

    const full = await runReconciliation(opts, { type: 'FULD', udloeser: 'MANUEL' });
    expect(full.koersel!.type).toBe('FULD');
    const after = await snapshot();
    expect(incremental.matches.size).toBe(after.matches.size);
    expect(incremental.matches).toEqual(after.matches);
    expect(incremental.afvigelser).toEqual(after.afvigelser);
  });

  it('notices a posting gone from the ledger without reading the ledger ids', async () => {
    const gone = await s.store.db('postering_match').whereNotNull('indsats_id').orderBy('postering_id').first();
    await s.oekonomiDb('postering').where({ postering_id: gone.postering_id }).delete();
    const run = await runReconciliation(opts, { type: 'INKREMENTEL', udloeser: 'MANUEL' });
    expect(run.koersel!.antalForsvundne).toBe(1);
    expect(await s.store.db('postering_match').where({ postering_id: gone.postering_id }).first()).toBeUndefined();
    const ledger = Number((await s.oekonomiDb('postering').count('* as n'))[0]!.n);
    const store = Number((await s.store.db('postering_match').count('* as n'))[0]!.n);
    expect(store).toBe(ledger);
  });
});

describe('AFSTEMNING_KILDER_I_HUKOMMELSE: the sources held between runs', () => {
  /** two incremental runs in a row through a scheduler; the phases of the second */
  async function secondRunPhases(holdSources: boolean | undefined): Promise<string[]> {
    const seen: string[] = [];
    const scheduler = startReconciliation({
      ...opts,
      worldCache: undefined,
      holdSources,
      runAtStart: false,
      recoverEverySeconds: 0,
      onPhase: (p) => seen.push(p),
    });
    try {
      for (let i = 0; i < 2; i++) {
        seen.length = 0;
        expect((await scheduler.trigger.start({ type: 'INKREMENTEL' })).startet).toBe(true);
        await scheduler.current();
      }
      return [...seen];
    } finally {
      await scheduler.stop();
    }
  }

  it('on (the default): the second run uses the held sources; off: it reads them again and holds nothing', async () => {
    const held = await secondRunPhases(undefined);
    expect(held).toContain('kilder.markoerer');
    expect(held).not.toContain('kilder.indsatser');
    const notHeld = await secondRunPhases(false);
    expect(notHeld).toContain('kilder.indsatser');
  });
});
