/**
 * Benchmarks of the analytics side (issue 10), per preset on the machine's real PostgreSQL, each beside a
 * baseline measured in the same run:
 *  1. every aggregate question of the seeds through the gateway (HTTP, Mercurius, role bi: suppression and
 *     the access-log row included) vs the SAME SQL the planner emits, run straight on the owning database;
 *  2. a year of contract vs actual per provider and month from the reconciled store (goal < 1 s);
 *  3. a 1,000,000-row CSV export of postings over HTTP (role oekonomi: pseudonyms and per-citizen access log
 *     included) vs a plain pg cursor (pg-query-stream) of the same SELECT into csv-stringify, with the
 *     gateway process's peak RSS during the export (sampled from /proc).
 * The gateway runs as deployed, its own process (bench/support/gateway-process.ts): it used to be built in
 * this process, beside the generated municipality (2.4 GB on `large`), whose garbage collection then counted
 * as the gateway's time. The load generator is sequential (one request at a time), so it does not compete.
 * Run alone: `npx tsx bench/analytics.ts [demo] [large] [--keep .data/bench-large.json]` (`--keep`: the sources
 * and store loaded and reconciled by an earlier `bench/reconcile-job.ts --keep` call, used as they are — no load,
 * no reconciliation run); `npm run bench` calls benchAnalytics per preset after the reconciliation job has
 * filled the store.
 */
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import QueryStream from 'pg-query-stream';
import pg from 'pg';
import { runReconciliation } from '../src/reconcile/job/run';
import { planAnalyse } from '../src/analytics/planner/plan';
import type { AnalyseSpec } from '../src/analytics/planner/types';
import { overlappendeYdelser, rettidigOpfoelgning, sagsbehandlingstid } from '../src/analytics/questions';
import { budgetSql, forbrugSql, fremskrivningSql } from '../src/analytics/budget/queries';
import { KATALOG } from '../src/analytics/catalogue';
import { DATASAET } from '../src/analytics/export/datasets';
import { prepareSources, type BenchSources } from './support/sources';
import { startGatewayProcess } from './support/gateway-process';
import { alternatingTimes, median, ratios, spread } from './support/measure';

const ROUNDS = 7;

/**
 * The gateway and its baseline in alternating rounds (gateway, SQL, gateway, …) after one warm-up each, so a
 * neighbour's load falls on both alike: the median of each, and of the per-round ratios with their range.
 */
async function versus(gateway: () => Promise<unknown>, sql: () => Promise<unknown>) {
  await gateway();
  await sql();
  const t = await alternatingTimes({ gateway, sql }, ROUNDS);
  const r = spread(ratios(t.gateway!, t.sql!));
  return { gw: median(t.gateway!), sql: median(t.sql!), ratio: `${r.median.toFixed(2)}× (rounds ${r.min.toFixed(2)}–${r.max.toFixed(2)}×)` };
}

export const Q = `query($emne: Analyseemne!, $maal: [AnalyseMaal!]!, $g: [Analysedimension!], $f: AnalyseFilter, $s: AnalyseSortering, $n: Int) {
  analyse(emne: $emne, maal: $maal, grupperPaa: $g, filter: $f, sorterEfter: $s, foerste: $n) { antalGrupper grupper { dimensioner { vaerdi } vaerdier undertrykt } iAlt { vaerdier } } }`;
export const NAMED = (field: string) => `query($f: AnalyseFilter) { ${field}(filter: $f) { antalGrupper grupper { dimensioner { vaerdi } vaerdier } } }`;

export interface Question {
  name: string;
  spec: AnalyseSpec;
  /** a named field instead of `analyse` */
  field?: string;
}

export function questions(aar: number): Question[] {
  const year = { periodeFra: `${aar}-01-01`, periodeTil: `${aar}-12-31` };
  const q = (name: string, spec: Omit<AnalyseSpec, 'filter'> & { filter?: AnalyseSpec['filter'] }): Question => ({ name, spec: { filter: {}, ...spec } });
  return [
    q('borgere pr. paragraf (år)', {
      emne: 'INDSATS',
      maal: [{ funktion: 'ANTAL_DISTINKTE', felt: 'BORGER' }, { funktion: 'ANTAL' }],
      grupperPaa: ['PARAGRAF'],
      filter: year,
    }),
    q('borgere pr. tilbudstype×ydelse', {
      emne: 'INDSATS',
      maal: [{ funktion: 'ANTAL_DISTINKTE', felt: 'BORGER' }],
      grupperPaa: ['TILBUDSTYPE', 'YDELSE'],
      filter: year,
    }),
    q('borgere pr. handlekommune', { emne: 'INDSATS', maal: [{ funktion: 'ANTAL_DISTINKTE', felt: 'BORGER' }], grupperPaa: ['HANDLEKOMMUNE'], filter: year }),
    q('aldersfordeling', { emne: 'SAG', maal: [{ funktion: 'ANTAL_DISTINKTE', felt: 'BORGER' }], grupperPaa: ['ALDERSGRUPPE'], filter: { status: ['AABEN'] } }),
    q('gns. kontraktpris pr. paragraf', {
      emne: 'INDSATS',
      maal: [
        { funktion: 'GNS', felt: 'KONTRAKTPRIS_PR_MAANED' },
        { funktion: 'GNS', felt: 'FORVENTET_PRIS_PR_MAANED' },
      ],
      grupperPaa: ['PARAGRAF'],
      filter: { status: ['AKTIV'] },
    }),
    q('sager pr. sagsbehandler', { emne: 'SAG', maal: [{ funktion: 'ANTAL' }], grupperPaa: ['SAGSBEHANDLER'], filter: { status: ['AABEN'] } }),
    q('VUM-vurderede pr. team', { emne: 'FUNKTIONSEVNEVURDERING', maal: [{ funktion: 'ANTAL_DISTINKTE', felt: 'BORGER' }], grupperPaa: ['TEAM'] }),
    q('top-10 aktive delmål pr. tema', {
      emne: 'INDSATSMAAL',
      maal: [{ funktion: 'ANTAL' }],
      grupperPaa: ['TEMA'],
      filter: { status: ['AKTIV'] },
      sorterEfter: { maal: 0, retning: 'DESC' },
      foerste: 10,
    }),
    q('indsatser pr. måned×paragraf', { emne: 'INDSATS', maal: [{ funktion: 'ANTAL' }], grupperPaa: ['MAANED', 'PARAGRAF'], filter: year }),
    { name: 'rettidig opfølgning', field: 'rettidigOpfoelgning', spec: rettidigOpfoelgning([], {}) },
    { name: 'sagsbehandlingstid', field: 'sagsbehandlingstid', spec: sagsbehandlingstid([], {}) },
    { name: 'overlappende ydelser', field: 'overlappendeYdelser', spec: overlappendeYdelser([], {}) },
  ];
}

export const toFilter = (f: AnalyseSpec['filter']) => ({
  ...(f.periodeFra ? { periode: { fra: f.periodeFra, til: f.periodeTil } } : {}),
  ...(f.status ? { status: f.status } : {}),
});

/** `fn` timed, with the peak resident set of process `pid` while it ran (sampled every 25 ms). */
async function rssPeak<T>(pid: number, fn: () => Promise<T>): Promise<{ ms: number; value: T; before: number; peak: number }> {
  global.gc?.();
  const before = rssOf(pid);
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, rssOf(pid))), 25);
  const t = performance.now();
  try {
    const value = await fn();
    return { ms: performance.now() - t, value, before, peak: Math.max(peak, rssOf(pid)) };
  } finally {
    clearInterval(timer);
  }
}
const mb = (b: number) => `${(b / 1048576).toFixed(0)} MB`;

/** The resident set of a process now (Linux /proc), in bytes. */
function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
}

export async function benchAnalytics(s: BenchSources): Promise<string[]> {
  const lines: string[] = [
    '  analytics (the gateway as its own process, compiled; aggregate questions as bi vs the same SQL; budget; contract vs actual; export):',
  ];
  const gw = await startGatewayProcess(s, 'mercurius');
  const url = gw.url;
  const graphql = async (query: string, variables: Record<string, unknown> | undefined, headers: Record<string, string>) => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { body: (await res.json()) as { data: any; errors?: unknown[] } };
  };
  try {
    const m = s.municipality;
    // the gateway process plans with its own clock (UTC date); the baseline's SQL is planned for the same day
    const idag = new Date().toISOString().slice(0, 10);
    const aar = Number(m.asOf.slice(0, 4)) - 1;
    const bi = { authorization: `Bearer ${await gw.token(['bi'])}`, 'x-formaal': 'ANALYSE' };
    const dbOf = { fagsystem: s.fagsystemDb, oekonomi: s.oekonomiDb, store: s.store.db } as const;
    for (const q of questions(aar)) {
      const vars = q.field
        ? { f: toFilter(q.spec.filter) }
        : { emne: q.spec.emne, maal: q.spec.maal, g: q.spec.grupperPaa, f: toFilter(q.spec.filter), s: q.spec.sorterEfter, n: q.spec.foerste };
      const text = q.field ? NAMED(q.field) : Q;
      const warm = await graphql(text, vars, bi);
      if (warm.body.errors) throw new Error(`${q.name}: ${JSON.stringify(warm.body.errors[0])}`);
      const plan = planAnalyse(q.spec, { idag, scope: { teamIds: null, enhedIds: null }, taelBorgere: true, dialect: 'postgres' });
      const db = dbOf[KATALOG[q.spec.emne].ejer];
      const v = await versus(
        () => graphql(text, vars, bi),
        () => db.raw(plan.sql, plan.bindings as never[]),
      );
      const groups = warm.body.data[q.field ?? 'analyse'].antalGrupper as number;
      lines.push(
        `  ${q.name.padEnd(32)} ${String(groups).padStart(5)} groups: gateway ${v.gw.toFixed(0).padStart(5)} ms vs same SQL ${v.sql.toFixed(0).padStart(5)} ms = ${v.ratio}`,
      );
    }
    // budget follow-up: three statements in parallel in two databases, against the same three run the same way
    const tilDato = `${aar}-06-30`;
    const budgetQ = `{ budgetopfoelgning(aar: ${aar}, tilMaaned: 6) { konti { konto forbrug korrigeretBudget forbrugsprocent prognose } } }`;
    const konti = (await graphql(budgetQ, undefined, bi)).body.data.budgetopfoelgning.konti.length as number;
    const stmts = [
      [s.oekonomiDb, forbrugSql(s.connectors.oekonomi.analytics, aar, tilDato)],
      [s.oekonomiDb, budgetSql(aar, tilDato)],
      [s.fagsystemDb, fremskrivningSql(aar, `${aar}-07-01`)],
    ] as const;
    const bv = await versus(
      () => graphql(budgetQ, undefined, bi),
      () => Promise.all(stmts.map(([db, q]) => db.raw(q.text, q.bindings as never[]))),
    );
    lines.push(
      `  ${'budgetopfølgning + prognose'.padEnd(32)} ${String(konti).padStart(5)} konti:  gateway ${bv.gw.toFixed(0).padStart(5)} ms vs same SQL ${bv.sql.toFixed(0).padStart(5)} ms = ${bv.ratio}`,
    );

    // a year of grouped contract vs actual per provider and month (reconciled store)
    const cva: AnalyseSpec = {
      emne: 'INDSATSMAANED',
      maal: [
        { funktion: 'SUM', felt: 'KONTRAKT' },
        { funktion: 'SUM', felt: 'FAKTISK' },
        { funktion: 'SUM', felt: 'FORVENTET' },
      ],
      grupperPaa: ['LEVERANDOER', 'MAANED'],
      filter: { periodeFra: `${aar}-01-01`, periodeTil: `${aar}-12-31` },
      foerste: 10_000,
    };
    const cvaVars = { emne: cva.emne, maal: cva.maal, g: cva.grupperPaa, f: toFilter(cva.filter), n: cva.foerste };
    const cvaGroups = (await graphql(Q, cvaVars, bi)).body.data.analyse.antalGrupper as number;
    const cplan = planAnalyse(cva, { idag, scope: { teamIds: null, enhedIds: null }, taelBorgere: true, dialect: 'postgres' });
    const cv = await versus(
      () => graphql(Q, cvaVars, bi),
      () => s.store.db.raw(cplan.sql, cplan.bindings as never[]),
    );
    lines.push(
      `  ${'kontrakt vs faktisk, år'.padEnd(32)} ${String(cvaGroups).padStart(5)} groups: gateway ${cv.gw.toFixed(0).padStart(5)} ms (goal < 1000) vs same SQL ${cv.sql.toFixed(0).padStart(5)} ms = ${cv.ratio}`,
    );

    // 1,000,000 rows (or all postings on a smaller preset) as CSV
    const total = Number((await s.oekonomiDb('postering').count('* as n'))[0]!.n);
    const n = Math.min(1_000_000, total);
    const cut = total > n ? await s.oekonomiDb('postering').orderBy('postering_id', 'desc').offset(n).first('postering_id') : null;
    const efter = cut ? Number(cut.postering_id) : 0;
    // as `bi` (50,000 citizens a minute): the export reads every citizen of the ledger, and on `large` that is more
    // than `oekonomi`'s 20,000 a minute — its export is cut off with CITIZEN_LIMIT_PER_MINUTE (the cap working)
    const biToken = await gw.token(['bi']);
    const exportUrl = `${url}/export/posteringer.csv?decimal=komma&efter=${efter}`;
    const exp = await rssPeak(gw.pid, async () => {
      const res = await fetch(exportUrl, { headers: { authorization: `Bearer ${biToken}`, 'x-formaal': 'ANALYSE' } });
      if (res.status !== 200) throw new Error(`export: HTTP ${res.status} ${await res.text()}`);
      let bytes = 0;
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
      return bytes;
    });
    const sql = DATASAET.posteringer!.sql({}, { idag, scope: { teamIds: null, enhedIds: null }, taelBorgere: false, dialect: 'postgres' }, efter);
    const conn = (s.oekonomiDb.client as { connectionSettings: unknown }).connectionSettings;
    const base = await rssPeak(process.pid, async () => {
      const client = new pg.Client(conn as pg.ClientConfig);
      await client.connect();
      let bytes = 0;
      try {
        let k = 0;
        const text = sql.text.replace(/\?/g, () => `$${++k}`);
        const stream = client.query(new QueryStream(text, sql.bindings as unknown[], { batchSize: 2000 }));
        await pipeline(
          stream,
          stringify({ delimiter: ';', bom: true, columns: DATASAET.posteringer!.kolonner.map((c) => c.navn), header: true }),
          new Writable({
            write(c, _e, cb) {
              bytes += c.length;
              cb();
            },
          }),
        );
      } finally {
        await client.end();
      }
      return bytes;
    });
    lines.push(
      `  export ${n.toLocaleString('en')} postings CSV: gateway ${(exp.ms / 1000).toFixed(1)} s (${mb(exp.value)}; gateway process peak RSS ${mb(exp.peak)}, +${mb(exp.peak - exp.before)} over ${mb(exp.before)} before) vs plain pg cursor → CSV ${(base.ms / 1000).toFixed(1)} s (peak +${mb(base.peak - base.before)}) = ${(exp.ms / base.ms).toFixed(2)}×`,
    );
  } finally {
    await gw.stop();
  }
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const k = process.argv.indexOf('--keep');
  const keep = k > 0 ? process.argv[k + 1] : undefined;
  const presets = process.argv.slice(2).filter((a): a is 'demo' | 'large' => a === 'demo' || a === 'large');
  for (const p of presets.length ? presets : (['demo'] as const)) {
    const s = await prepareSources(p, { keep });
    try {
      const m = s.municipality;
      const t = performance.now();
      if (!s.kept)
        await runReconciliation(
          { db: s.store.db, connectors: s.connectors, clock: () => new Date(`${m.asOf}T12:00:00Z`) },
          { type: 'FULD', udloeser: 'MANUEL' },
        );
      console.log(
        `${p}: ${m.fagsystem.sager.length} sager, ${m.fagsystem.indsatser.length} indsatser, ${m.oekonomi.posteringer.length} posteringer; ${s.kept ? 'sources and store kept from an earlier run' : `loaded in ${s.loadSeconds.toFixed(0)} s, reconciled in ${((performance.now() - t) / 1000).toFixed(0)} s`}`,
      );
      console.log((await benchAnalytics(s)).join('\n'));
    } finally {
      await s.close();
    }
  }
  process.exit(0);
}
