import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reconcileSetup, type ReconcileSetup } from '../../scripts/reconcile-setup';
import { runReconciliation } from '../../src/reconcile/job/run';
import { openStore, type GatewayStore } from '../../src/store';
import { createReconciledReads } from '../../src/reconcile/read/reconciled-reads';
import { DecisionError } from '../../src/reconcile/rules/decisions/types';
import { tryAdvisoryLock } from '../../src/reconcile/job/lock';

/**
 * Manual decisions on the real PostgreSQL store: they win over the rules at once, survive a restart (the
 * store closed and opened again, migrations re-applied) and a full re-run, keep their whole history, and a
 * decision on a posting that disappears from the ledger is reported, not dropped.
 */
let s: ReconcileSetup;
let store: GatewayStore;
const at = new Date('2026-11-02T09:00:00Z');

const run = (type: 'FULD' | 'INKREMENTEL') => runReconciliation({ db: store.db, connectors: s.connectors, clock: s.clock }, { type, udloeser: 'MANUEL' });
const reads = () => createReconciledReads(store.db).forRequest();
const match = async (id: number) => store.db('postering_match').where({ postering_id: id }).first();

// postings picked once: two matched to different citizens' indsatser, one more matched, and their truths
let moved: { posting: number; bilagsnr: string; from: number; to: number };
let rejected: { posting: number; bilagsnr: string; from: number };
let confirmed: { posting: number; bilagsnr: string; indsats: number };

beforeAll(async () => {
  s = await reconcileSetup({ preset: 'test', seed: 11, sources: 'postgres', store: 'postgres' });
  store = s.store;
  expect((await run('FULD')).status).toBe('OK');
  const matched = await store.db('postering_match').whereNotNull('indsats_id').where('regel', 'CPR_KONTO_KREDITOR_PERIODE').orderBy('postering_id').limit(200);
  const a = matched[0]!;
  const b = matched.find((r) => r.borger_id !== a.borger_id && r.indsats_id !== a.indsats_id)!;
  const c = matched.find((r) => r.indsats_id !== a.indsats_id && r.indsats_id !== b.indsats_id)!;
  moved = { posting: Number(a.postering_id), bilagsnr: a.bilagsnr, from: a.indsats_id, to: b.indsats_id };
  rejected = { posting: Number(b.postering_id), bilagsnr: b.bilagsnr, from: b.indsats_id };
  confirmed = { posting: Number(c.postering_id), bilagsnr: c.bilagsnr, indsats: c.indsats_id };
});

afterAll(async () => {
  await s?.close();
});

const faktiskOf = async (indsatsId: number) => Number((await store.db('indsats_maaned').where({ indsats_id: indsatsId }).sum('faktisk_oere as s'))[0]!.s ?? 0);

describe('manual decisions', () => {
  it('assign, reject and confirm: stored with who, when and why, and applied at once', async () => {
    const beloeb = Number((await match(moved.posting)).beloeb_oere);
    const fromBefore = await faktiskOf(moved.from);
    const toBefore = await faktiskOf(moved.to);
    const r = await reads().registrerBeslutning({
      posteringId: moved.posting,
      bilagsnr: moved.bilagsnr,
      handling: 'TILDEL',
      indsatsId: moved.to,
      begrundelse: 'Faktura vedrører borgerens andet forløb',
      aktoer: 'oek-1',
      tidspunkt: at,
    });
    expect(r.beslutning).toMatchObject({
      handling: 'TILDEL',
      indsatsId: moved.to,
      tidligereIndsatsId: moved.from,
      aktoer: 'oek-1',
      begrundelse: 'Faktura vedrører borgerens andet forløb',
    });
    expect(r.match).toMatchObject({ indsatsId: moved.to, regel: 'MANUEL', confidence: 1, autoIndsatsId: moved.from });
    // the money moved with it, exactly
    expect(await faktiskOf(moved.from)).toBe(fromBefore - beloeb);
    expect(await faktiskOf(moved.to)).toBe(toBefore + beloeb);

    const rej = await reads().registrerBeslutning({
      posteringId: rejected.posting,
      bilagsnr: rejected.bilagsnr,
      handling: 'AFVIS',
      indsatsId: null,
      begrundelse: 'Ikke denne indsats',
      aktoer: 'oek-2',
      tidspunkt: at,
    });
    expect(rej.tilstand).toMatchObject({ tildeltIndsatsId: null, afvisteIndsatser: [rejected.from], status: 'AKTIV' });
    expect(rej.match).toMatchObject({ indsatsId: null, regel: 'AFVIST' });

    const conf = await reads().registrerBeslutning({
      posteringId: confirmed.posting,
      bilagsnr: confirmed.bilagsnr,
      handling: 'BEKRAEFT',
      indsatsId: null,
      begrundelse: 'Kontrolleret mod faktura',
      aktoer: 'oek-1',
      tidspunkt: at,
    });
    expect(conf.match).toMatchObject({ indsatsId: confirmed.indsats, regel: 'MANUEL' });
  });

  it('refuses a decision that cannot be made, and writes nothing', async () => {
    const before = Number((await store.db('manuel_beslutning_historik').count('* as n'))[0]!.n);
    const unmatched = await store.db('postering_match').whereNull('indsats_id').where('regel', 'INGEN_KANDIDAT').first();
    await expect(
      reads().registrerBeslutning({
        posteringId: Number(unmatched.postering_id),
        bilagsnr: unmatched.bilagsnr,
        handling: 'BEKRAEFT',
        indsatsId: null,
        begrundelse: 'ok',
        aktoer: 'x',
        tidspunkt: at,
      }),
    ).rejects.toThrow(DecisionError);
    await expect(
      reads().registrerBeslutning({
        posteringId: moved.posting,
        bilagsnr: moved.bilagsnr,
        handling: 'AFVIS',
        indsatsId: null,
        begrundelse: '   ',
        aktoer: 'x',
        tidspunkt: at,
      }),
    ).rejects.toThrow(/reason/);
    await expect(
      reads().registrerBeslutning({
        posteringId: confirmed.posting,
        bilagsnr: confirmed.bilagsnr,
        handling: 'AFVIS',
        indsatsId: moved.to,
        begrundelse: 'forkert',
        aktoer: 'x',
        tidspunkt: at,
      }),
    ).rejects.toThrow(/TILDEL/);
    expect(Number((await store.db('manuel_beslutning_historik').count('* as n'))[0]!.n)).toBe(before);
    expect(await match(confirmed.posting)).toMatchObject({ indsats_id: confirmed.indsats, regel: 'MANUEL' });
  });

  it('survive a restart of the gateway and a full re-run', async () => {
    const url = s.storeUrl!;
    await store.close();
    store = await openStore({ kind: 'postgres', url, poolMax: 5 });
    const r = await run('FULD');
    expect(r.status).toBe('OK');
    expect(await match(moved.posting)).toMatchObject({ indsats_id: moved.to, regel: 'MANUEL', auto_indsats_id: moved.from });
    const afterReject = await match(rejected.posting);
    expect(afterReject.indsats_id).not.toBe(rejected.from);
    expect(afterReject.auto_indsats_id).not.toBe(rejected.from);
    expect(await match(confirmed.posting)).toMatchObject({ indsats_id: confirmed.indsats, regel: 'MANUEL' });
    const history = await reads().beslutningerByPostering.load(moved.posting);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ handling: 'TILDEL', aktoer: 'oek-1', tidspunkt: at.toISOString() });
  });

  it('keep a decision whose posting disappears from the ledger, and report it', async () => {
    await s.oekonomiDb('postering').where({ postering_id: moved.posting }).delete();
    const r = await run('INKREMENTEL');
    expect(r.koersel!.antalForsvundne).toBe(1);
    const states = await reads().beslutningTilstande({ status: ['POSTERING_FORSVUNDET'], first: 10 });
    expect(states.map((x) => x.posteringId)).toEqual([moved.posting]);
    const afvigelse = await store.db('afvigelse').where({ art: 'BESLUTNING_POSTERING_FORSVUNDET', postering_id: moved.posting }).first();
    expect(afvigelse).toBeDefined();
    expect(await reads().beslutningerByPostering.load(moved.posting)).toHaveLength(1);
    // and a full re-run does not lose it either
    await run('FULD');
    expect((await reads().beslutningTilstande({ status: ['POSTERING_FORSVUNDET'], first: 10 })).map((x) => x.posteringId)).toEqual([moved.posting]);
  });

  it('one run at a time across replicas: a second gateway on the same store skips while one runs', async () => {
    const other = await openStore({ kind: 'postgres', url: s.storeUrl!, poolMax: 5 });
    try {
      // the other replica is in the middle of a run: it holds the advisory lock on its own session
      const held = await tryAdvisoryLock(other.db);
      expect(held).not.toBeNull();
      expect((await reads().freshness()).koerer).toBe(true);
      expect((await run('INKREMENTEL')).status).toBe('SPRUNGET_OVER');
      await held!.release();
      expect((await reads().freshness()).koerer).toBe(false);
      expect((await run('INKREMENTEL')).status).toBe('OK');
    } finally {
      await other.close();
    }
  });
});
