/**
 * Benchmarks of the reconciliation (issue: reconciled store), per preset on the machine's real PostgreSQL:
 *  1. the job: a full run, an incremental run with nothing new, one after 1,000 new postings, and one
 *     after 20 indsatser changed in the fagsystem — each with its phases;
 *  2. grouped price comparison through the gateway (HTTP, Mercurius) answered from the reconciled store,
 *     against the raw SQL of the same GROUP BY on the same table in the same run (the gateway's overhead).
 * Run alone: `npx tsx bench/reconcile.ts [demo] [large]`; `npm run bench` calls benchReconcile.
 */
import { startTestStack, type TestStack } from '../test/support/gateway';
import { runReconciliation, type ReconcileOptions } from '../src/reconcile/job/run';
import type { KoerselResultat } from '../src/reconcile/job/types';
import { timeIt } from './load';

const GROUPED = [
  { name: 'paragraf×år', dims: '[PARAGRAF, AAR]', sql: ['paragraf', 'aar'] },
  { name: 'leverandør×måned', dims: '[LEVERANDOER, MAANED]', sql: ['leverandoer_id', 'maaned'] },
  { name: 'konto×team×år', dims: '[KONTO, TEAM, AAR]', sql: ['konto', 'team_id', 'aar'] },
] as const;

const query = (dims: string) => `{ prissammenligning(grupperPaa: ${dims}, first: 500, sorterEfter: AFVIGELSE_BELOEB) { totalCount iAlt { faktisk kontrakt }
  nodes { gruppe { paragraf { kode } leverandoer { id } konto team { id } maaned aar } forventet kontraktFagsystem kontraktOekonomi takst faktisk glidning faktiskVsKontrakt { beloeb procent } } } }`;

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

async function benchPreset(preset: 'test' | 'demo' | 'large'): Promise<string[]> {
  const lines: string[] = [];
  const t0 = performance.now();
  let jobLines: string[] = [];
  const s: TestStack = await startTestStack({
    preset,
    db: 'postgres',
    beforeListen: async (p) => {
      const opts: ReconcileOptions = { db: p.store.db, connectors: p.connectors, clock: () => new Date(`${p.municipality.asOf}T12:00:00Z`) };
      jobLines.push(await timedRun(opts, 'FULD', 'full'));
      jobLines.push(await timedRun(opts, 'INKREMENTEL', 'incremental, nothing new'));
      // 1,000 new invoices registered after everything else: copies (new ids) of the latest 1,000 postings,
      // which are mostly last month's invoices for indsatser (the earliest are budget transfers and § 100)
      const last = await p.oekonomiDb('postering').max('postering_id as m').first();
      const sample = await p.oekonomiDb('postering').orderBy('postering_id', 'desc').limit(1000);
      await p.oekonomiDb('postering').insert(
        sample.map((r: Record<string, unknown>, k: number) => ({ ...r, postering_id: Number(last!.m) + 1 + k, bilagsnr: `2099${String(k).padStart(7, '0')}`, registreret: `2099-01-01T10:${String(Math.floor(k / 60) % 60).padStart(2, '0')}:${String(k % 60).padStart(2, '0')}` })),
      );
      jobLines.push(await timedRun(opts, 'INKREMENTEL', 'incremental, +1,000 postings'));
      const changed = await p.fagsystemDb('indsats').where('status', 'AKTIV').orderBy('indsats_id').limit(20).pluck('indsats_id');
      await p.fagsystemDb('indsats').whereIn('indsats_id', changed).update({ antal_enheder: p.fagsystemDb.raw('antal_enheder + 1') });
      jobLines.push(await timedRun(opts, 'INKREMENTEL', 'incremental, 20 indsatser'));
    },
  });
  try {
    const counts = `${s.municipality.oekonomi.posteringer.length.toLocaleString('en')} postings, ${s.municipality.fagsystem.indsatser.length.toLocaleString('en')} indsatser`;
    lines.push(`${preset}: ${counts} (stack + runs ${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    lines.push(...jobLines);
    const n = (await s.store.db('indsats_maaned').count('* as n'))[0]!.n;
    lines.push(`  reconciled store: ${Number(n).toLocaleString('en')} indsats-months`);
    for (const g of GROUPED) {
      const q = query(g.dims);
      const warm = await s.graphql(q, undefined, { 'x-formaal': 'OEKONOMI' });
      if (warm.body.errors) throw new Error(JSON.stringify(warm.body.errors[0]));
      const gw = await timeIt(async () => (await s.graphql(q, undefined, { 'x-formaal': 'OEKONOMI' })).body.data.prissammenligning.totalCount as number, 5);
      const raw = await timeIt(async () => {
        const rows = await s.store.db('indsats_maaned')
          .select(...g.sql)
          .select(s.store.db.raw('sum(forventet_oere) f, sum(kontrakt_fagsystem_oere) kf, sum(kontrakt_oekonomi_oere) ko, sum(takst_oere) t, sum(faktisk_oere) a'))
          .where('afregnes_pr_borger', true)
          .groupBy(...g.sql);
        return rows.length;
      }, 5);
      lines.push(`  grouped prices ${g.name.padEnd(18)} ${String(gw.value).padStart(6)} groups: gateway ${gw.ms.toFixed(0).padStart(5)} ms vs raw SQL on the store ${raw.ms.toFixed(0).padStart(5)} ms = ${(gw.ms / raw.ms).toFixed(1)}×`);
    }
  } finally {
    await s.close();
    jobLines = [];
  }
  return lines;
}

export async function benchReconcile(presets: string[]): Promise<string[]> {
  const out: string[] = ['reconciliation (real PostgreSQL for sources and store):'];
  for (const p of presets) out.push(...(await benchPreset(p as 'demo' | 'large')));
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const presets = process.argv.slice(2).filter((a) => ['test', 'demo', 'large'].includes(a));
  console.log((await benchReconcile(presets.length ? presets : ['demo'])).join('\n'));
  process.exit(0);
}
