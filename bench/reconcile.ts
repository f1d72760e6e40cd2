/**
 * The reconciliation job on a preset's sources (real PostgreSQL for sources and store): a full run, an
 * incremental run with nothing changed (goal < 5 s), one after 1,000 new postings (goal < 10 s), and one after
 * 20 indsatser changed in the fagsystem — each with its phases. It also fills the store that S5 (bench/gateway.ts) reads.
 */
import { runReconciliation, type ReconcileOptions } from '../src/reconcile/job/run';
import type { KoerselResultat } from '../src/reconcile/job/types';
import { createWorldCache } from '../src/reconcile/job/world-cache';
import type { BenchSources } from './support/sources';

function describeRun(label: string, r: KoerselResultat, ms: number, phases: Array<[string, number]>, goalSeconds?: number): string {
  const k = r.koersel;
  const detail = k ? `${k.type}, ${k.antalPosteringer} postings, ${k.antalIndsatser} indsatser` : 'skipped';
  const goal = goalSeconds === undefined ? '' : `  goal < ${goalSeconds} s: ${ms / 1000 < goalSeconds ? 'met' : 'NOT met'}`;
  return `  job ${label.padEnd(34)} ${(ms / 1000).toFixed(1).padStart(6)} s${goal}  (${detail}; ${phases.map(([p, t]) => `${p} ${(t / 1000).toFixed(1)}`).join(', ')})`;
}

async function timedRun(opts: ReconcileOptions, type: 'FULD' | 'INKREMENTEL', label: string, goalSeconds?: number): Promise<string> {
  const phases: Array<[string, number]> = [];
  const t = performance.now();
  const r = await runReconciliation({ ...opts, onPhase: (p, ms) => phases.push([p, ms]) }, { type, udloeser: 'MANUEL' });
  return describeRun(label, r, performance.now() - t, phases, goalSeconds);
}

/** The job on a preset's sources (in this process: it is a batch job, not a request path). */
export async function benchJob(s: BenchSources, o: { full?: boolean; onLine?: (line: string) => void } = {}): Promise<string[]> {
  const lines: string[] = [];
  // as the gateway's scheduler does: the sources stay in memory between runs, checked by their change markers
  const opts: ReconcileOptions = {
    db: s.store.db,
    connectors: s.connectors,
    clock: () => new Date(`${s.municipality.asOf}T12:00:00Z`),
    worldCache: createWorldCache(),
  };
  const push = (line: string) => {
    lines.push(line);
    o.onLine?.(line);
  };
  // a store reconciled by an earlier call (kept sources): the first run is then an incremental one that reads
  // the sources, as the first run of a restarted gateway does
  if (o.full === false) push(await timedRun(opts, 'INKREMENTEL', 'incremental, first of a process'));
  else push(await timedRun(opts, 'FULD', 'full'));
  push(await timedRun(opts, 'INKREMENTEL', 'incremental, nothing changed', 5));
  // 1,000 new invoices registered after everything else: copies (new ids) of the latest 1,000 postings,
  // which are mostly last month's invoices for indsatser (the earliest are budget transfers and § 100)
  // registered after everything else (also after an earlier call's copies when the sources are kept)
  const last = await s.oekonomiDb('postering').max('postering_id as m').first();
  const latest = (await s.oekonomiDb('postering').max('registreret as r').first())!.r as string | Date;
  const after = typeof latest === 'string' ? Date.parse(`${latest.replace(' ', 'T')}Z`) : latest.getTime();
  const sample = await s.oekonomiDb('postering').where('registreret', '<', '2099-01-01').orderBy('postering_id', 'desc').limit(1000);
  await s.oekonomiDb('postering').insert(
    sample.map((r: Record<string, unknown>, k: number) => ({
      ...r,
      postering_id: Number(last!.m) + 1 + k,
      bilagsnr: `9${String(Number(last!.m) + 1 + k).padStart(10, '0')}`,
      registreret: new Date(Math.max(after, Date.parse('2099-01-01T00:00:00Z')) + (k + 1) * 1000).toISOString().slice(0, 19),
    })),
  );
  push(await timedRun(opts, 'INKREMENTEL', 'incremental, 1,000 new postings', 10));
  const changed = await s.fagsystemDb('indsats').where('status', 'AKTIV').orderBy('indsats_id').limit(20).pluck('indsats_id');
  await s
    .fagsystemDb('indsats')
    .whereIn('indsats_id', changed)
    .update({ antal_enheder: s.fagsystemDb.raw('antal_enheder + 1') });
  push(await timedRun(opts, 'INKREMENTEL', 'incremental, 20 indsatser'));
  const n = (await s.store.db('indsats_maaned').count('* as n'))[0]!.n;
  lines.push(`  reconciled store: ${Number(n).toLocaleString('en')} indsats-months`);
  return lines;
}
