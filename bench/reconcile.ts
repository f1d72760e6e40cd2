/**
 * The reconciliation job on a preset's sources (real PostgreSQL for sources and store): a full run, an
 * incremental run with nothing new, one after 1,000 new postings, and one after 20 indsatser changed in the
 * fagsystem — each with its phases. It also fills the store that S5 (bench/gateway.ts) reads.
 */
import type { BenchSources } from './support/sources';
import { runReconciliation, type ReconcileOptions } from '../src/reconcile/job/run';
import type { KoerselResultat } from '../src/reconcile/job/types';

function describeRun(label: string, r: KoerselResultat, ms: number, phases: Array<[string, number]>): string {
  const k = r.koersel;
  const detail = k ? `${k.antalPosteringer} postings, ${k.antalIndsatser} indsatser` : 'skipped';
  return `  job ${label.padEnd(26)} ${(ms / 1000).toFixed(1).padStart(6)} s  (${detail}; ${phases.map(([p, t]) => `${p} ${(t / 1000).toFixed(1)}`).join(', ')})`;
}

async function timedRun(opts: ReconcileOptions, type: 'FULD' | 'INKREMENTEL', label: string): Promise<string> {
  const phases: Array<[string, number]> = [];
  const t = performance.now();
  const r = await runReconciliation({ ...opts, onPhase: (p, ms) => phases.push([p, ms]) }, { type, udloeser: 'MANUEL' });
  return describeRun(label, r, performance.now() - t, phases);
}

/** The job on a preset's sources (in this process: it is a batch job, not a request path). */
export async function benchJob(s: BenchSources): Promise<string[]> {
  const lines: string[] = [];
  const opts: ReconcileOptions = { db: s.store.db, connectors: s.connectors, clock: () => new Date(`${s.municipality.asOf}T12:00:00Z`) };
  lines.push(await timedRun(opts, 'FULD', 'full'));
  lines.push(await timedRun(opts, 'INKREMENTEL', 'incremental, nothing new'));
  // 1,000 new invoices registered after everything else: copies (new ids) of the latest 1,000 postings,
  // which are mostly last month's invoices for indsatser (the earliest are budget transfers and § 100)
  const last = await s.oekonomiDb('postering').max('postering_id as m').first();
  const sample = await s.oekonomiDb('postering').orderBy('postering_id', 'desc').limit(1000);
  await s.oekonomiDb('postering').insert(
    sample.map((r: Record<string, unknown>, k: number) => ({ ...r, postering_id: Number(last!.m) + 1 + k, bilagsnr: `2099${String(k).padStart(7, '0')}`, registreret: `2099-01-01T10:${String(Math.floor(k / 60) % 60).padStart(2, '0')}:${String(k % 60).padStart(2, '0')}` })),
  );
  lines.push(await timedRun(opts, 'INKREMENTEL', 'incremental, +1,000 postings'));
  const changed = await s.fagsystemDb('indsats').where('status', 'AKTIV').orderBy('indsats_id').limit(20).pluck('indsats_id');
  await s.fagsystemDb('indsats').whereIn('indsats_id', changed).update({ antal_enheder: s.fagsystemDb.raw('antal_enheder + 1') });
  lines.push(await timedRun(opts, 'INKREMENTEL', 'incremental, 20 indsatser'));
  const n = (await s.store.db('indsats_maaned').count('* as n'))[0]!.n;
  lines.push(`  reconciled store: ${Number(n).toLocaleString('en')} indsats-months`);
  return lines;
}
