import type { Knex } from 'knex';
import type { Connectors } from '../../context/connectors';
import { addMonths, firstOfMonth, lastOfMonth } from '../../domain/dates';
import { DEFAULT_POLICY, type PrecedencePolicy } from '../../domain/provenance-policy';
import { loadDecisions, setDecisionStatus } from './decisions';
import { STANDARD_GLIDNING_PROCENT } from '../rules/findings/kinds';
import { deleteStaleFindings, upsertFindings } from './findings-write';
import type { Fund } from '../rules/findings/types';
import { takstFindings } from '../rules/findings/takst-findings';
import { tryAdvisoryLock } from './lock';
import { loadWorld, type RunWorld } from './world';
import { budgetOnlyCreditors, processPostingBatch, type BatchContext } from './match-batch';
import { recomputeIndsatser, removeIndsatser } from './indsats-level';
import { checkAttributes } from './attributes';
import { readKoersel } from '../read/koersler';
import type { Koerselstype, Udloeser } from '../read/types';
import type { KoerselResultat } from './types';

/**
 * One reconciliation run (issue: "a reconciled store"). Under the advisory lock it
 *   1. reads what matching needs from the sources into memory (world.ts),
 *   2. matches postings in batches — FULD: every posting; INKREMENTEL: postings registered after the last
 *      run's watermark, plus the postings of indsatser whose inputs changed and those with new decisions —
 *      writing each batch with its findings in one transaction,
 *   3. drops postings gone from the ledger (their manual decisions are kept and reported),
 *   4. recomputes per-indsats months, prices, faktisk and findings for the indsatser touched,
 *   5. re-checks takster and attributes, and records the run with its watermark.
 * A run that fails records FEJL with a message that names no person; the previous results stay in place.
 */
export interface ReconcileOptions {
  db: Knex;
  connectors: Connectors;
  clock?: () => Date;
  postingBatchSize?: number;
  glidningProcent?: number;
  /** days before a provider's CVR register data is asked for again (default 30) */
  cvrKontrolDage?: number;
  /** days before a citizen's CPR register data is asked for again (default 30; SF1520 is billed per call) */
  borgerKontrolDage?: number;
  log?: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
  /** which source wins per attribute (default: DEFAULT_POLICY; configured by AFSTEMNING_PRAECEDENS) */
  policy?: PrecedencePolicy;
  /** called with each phase's duration (benchmarks, logs) */
  onPhase?: (phase: string, ms: number) => void;
}

export async function runReconciliation(opts: ReconcileOptions, req: { type: Koerselstype; udloeser: Udloeser }): Promise<KoerselResultat> {
  const lock = await tryAdvisoryLock(opts.db);
  if (!lock) return { status: 'SPRUNGET_OVER', koersel: null };
  try {
    return await runLocked(opts, req);
  } finally {
    await lock.release();
  }
}

async function runLocked(opts: ReconcileOptions, req: { type: Koerselstype; udloeser: Udloeser }): Promise<KoerselResultat> {
  const { db } = opts;
  const clock = opts.clock ?? (() => new Date());
  const t0 = Date.now();
  const now = clock();
  const today = now.toISOString().slice(0, 10);
  const prev = await db('afstemning_koersel').where({ status: 'OK' }).orderBy('koersel_id', 'desc').first();
  const type: Koerselstype = prev ? req.type : 'FULD';
  const [{ koersel_id: koerselId }] = await db('afstemning_koersel')
    .insert({ type, udloeser: req.udloeser, startet: now, status: 'KOERER', idag: today })
    .returning('koersel_id');
  try {
    const stats = await execute({ opts, koerselId, type, now, today, prev });
    await db('afstemning_koersel').where({ koersel_id: koerselId }).update({
      status: 'OK', afsluttet: clock(), varighed_ms: Date.now() - t0, posteringer_til: stats.watermark?.registreret ?? null,
      til_postering_id: stats.watermark?.id ?? null, antal_posteringer: stats.postings, antal_indsatser: stats.indsatser, antal_matchet: stats.matched,
      antal_forsvundne: stats.vanished, fejl: stats.warnings.length ? stats.warnings.join('; ').slice(0, 400) : null,
    });
    opts.log?.info({ koerselId, type, ms: Date.now() - t0, ...stats, watermark: undefined }, 'reconciliation run finished');
  } catch (e) {
    // the message of a source error names the source and the failure, never a person (SourceError contract)
    const message = e instanceof Error ? `${e.name}: ${e.message}` : 'unknown error';
    await db('afstemning_koersel').where({ koersel_id: koerselId }).update({ status: 'FEJL', afsluttet: clock(), varighed_ms: Date.now() - t0, fejl: message.slice(0, 400) });
    opts.log?.warn({ koerselId, type }, 'reconciliation run failed');
    throw e;
  }
  return { status: 'OK', koersel: (await readKoersel(db, koerselId))! };
}

interface Execution {
  opts: ReconcileOptions;
  koerselId: number;
  type: Koerselstype;
  now: Date;
  today: string;
  prev: { koersel_id: number; startet: string | Date; posteringer_til: string | null; til_postering_id: number | null } | undefined;
}

async function execute(x: Execution) {
  const { opts, koerselId, now } = x;
  const { db, connectors } = opts;
  const full = x.type === 'FULD';
  const batchSize = opts.postingBatchSize ?? 2000;
  const glidningProcent = opts.glidningProcent ?? STANDARD_GLIDNING_PROCENT;

  let mark = performance.now();
  const phase = (name: string) => {
    const t = performance.now();
    opts.onPhase?.(name, t - mark);
    mark = t;
  };
  const cvrCache = new Map<string, string | null>();
  const cvrAge = new Map<string, number>();
  for (const r of await db('cvr_opslag').select('*')) {
    cvrCache.set(r.pnummer, r.cvr);
    cvrAge.set(r.pnummer, new Date(r.kontrolleret).getTime());
  }
  const cvrDays = opts.cvrKontrolDage ?? 30;
  const world = await loadWorld({ connectors, cvrCache, cvrStale: (p) => now.getTime() - (cvrAge.get(p) ?? 0) > cvrDays * 86_400_000, onPhase: opts.onPhase });
  const warnings = [...world.warnings];
  if (world.cvrLookups.size) {
    const rows = [...world.cvrLookups].map(([pnummer, cvr]) => ({ pnummer, cvr, kontrolleret: now }));
    await db('cvr_opslag').insert(rows).onConflict('pnummer').merge();
  }
  await writeIdentityGraph(db, world, koerselId);
  phase('kilder');

  const decisions = await loadDecisions(db);
  const stored = new Map<number, { version: string; borgerId: number }>();
  for (const r of await db('indsats_afstemning').select('indsats_id', 'version', 'borger_id')) stored.set(r.indsats_id, { version: r.version, borgerId: r.borger_id });
  const changed = [...world.indsatser.values()].filter((r) => stored.get(r.m.indsatsId)?.version !== r.version).map((r) => r.m.indsatsId);
  const removed = [...stored.keys()].filter((id) => !world.indsatser.has(id));

  const ctx: BatchContext = { db, world, decisions, budgetKreditorer: budgetOnlyCreditors(world), koerselId, now, trackPrevious: !full };
  const touched = new Set<number>();
  let postings = 0;
  let matched = 0;
  const indsatsGone: number[] = [];
  let watermark: { registreret: string; id: number } | null = x.prev?.posteringer_til ? { registreret: x.prev.posteringer_til, id: Number(x.prev.til_postering_id) } : null;
  const seen = new Set<number>();
  const handle = async (batch: Parameters<typeof processPostingBatch>[1]) => {
    const r = await processPostingBatch(ctx, batch);
    postings += batch.length;
    matched += r.matched;
    for (const id of r.touched) touched.add(id);
    indsatsGone.push(...r.indsatsForsvundet);
    for (const p of batch) {
      if (!full) seen.add(p.id);
      if (!watermark || p.registreret > watermark.registreret || (p.registreret === watermark.registreret && p.id > watermark.id)) watermark = { registreret: p.registreret, id: p.id };
    }
  };

  let vanished: Array<{ postering_id: number; indsats_id: number | null }> = [];
  if (full) {
    for await (const batch of connectors.oekonomi.job.posteringer({ batchSize })) await handle(batch);
    // a full run rewrote every posting it saw: rows it did not touch are postings gone from the ledger
    vanished = await db('postering_match').whereNot({ koersel_id: koerselId }).select('postering_id', 'indsats_id');
  } else {
    const from = watermark ? { registreretEfter: (watermark as { registreret: string }).registreret, efterPosteringId: (watermark as { id: number }).id } : {};
    for await (const batch of connectors.oekonomi.job.posteringer({ ...from, batchSize })) await handle(batch);
    const related = await relatedPostingIds(db, world, { changed: [...changed, ...removed], stored, decisionsSince: x.prev ? new Date(x.prev.startet) : null });
    const again = related.filter((id) => !seen.has(id));
    const missing = new Set<number>();
    for (let k = 0; k < again.length; k += batchSize) {
      const ids = again.slice(k, k + batchSize);
      const found = await connectors.oekonomi.job.posteringerByIds(ids);
      for (const id of ids) if (!found.has(id)) missing.add(id);
      if (found.size) await handle([...found.values()].sort((a, b) => a.id - b.id));
    }
    vanished = await vanishedPostings(db, await connectors.oekonomi.job.posteringIds(), missing);
  }
  if (vanished.length) {
    const ids = vanished.map((r) => Number(r.postering_id));
    for (const r of vanished) if (r.indsats_id !== null) touched.add(r.indsats_id);
    for (let k = 0; k < ids.length; k += 5000) {
      const chunk = ids.slice(k, k + 5000);
      await db.transaction(async (trx) => {
        await trx('postering_match').whereIn('postering_id', chunk).delete();
        await trx('afvigelse').whereIn('postering_id', chunk).whereIn('omfang', ['POSTERING']).delete();
      });
    }
  }
  // fresh statistics after a bulk change, so the per-indsats reads that follow are planned as index
  // scans (a table written in one go has none yet, and the planner's guesses also switch on JIT compiling)
  if (full || postings > 50_000) await db.raw('analyze postering_match');
  phase('posteringer');
  await decisionStatuses(db, { decisions, ledgerGone: new Set(vanished.map((r) => Number(r.postering_id))), indsatsGone, koerselId, now, full });

  const horizon = await horizonOf(db, x.today);
  const prevHorizon = x.prev ? await db('afstemning_koersel').where({ koersel_id: x.prev.koersel_id }).first('horisont_fra', 'horisont_til') : null;
  const horizonMoved = !prevHorizon || String(prevHorizon.horisont_fra) !== horizon.fra || String(prevHorizon.horisont_til) !== horizon.til;
  await db('afstemning_koersel').where({ koersel_id: koerselId }).update({ horisont_fra: horizon.fra, horisont_til: horizon.til });
  const recompute = full || horizonMoved ? [...world.indsatser.keys()] : [...new Set([...changed, ...touched])];
  await removeIndsatser(db, removed);
  await recomputeIndsatser({ db, world, koerselId, now, horizon, glidningProcent }, recompute.sort((a, b) => a - b));
  if (recompute.length > 5_000) await db.raw('analyze indsats_maaned, indsats_afstemning, afvigelse');
  phase('indsatser');

  await writeTakstFindings(db, world, { koerselId, now, horizon });
  phase('takster');
  const attr = await checkAttributes({ db, connectors, world, koerselId, now, cvrKontrolDage: cvrDays, borgerKontrolDage: opts.borgerKontrolDage ?? 30, policy: opts.policy ?? DEFAULT_POLICY });
  phase('attributter');
  warnings.push(...attr.warnings);
  return { watermark: watermark as { registreret: string; id: number } | null, postings, matched, indsatser: recompute.length, vanished: vanished.length, warnings };
}

/**
 * Postings in the store that are gone from the ledger. Both sides are summarised per block of 10,000 ids
 * (count and sum of ids) and only blocks that differ are compared id by id, so a run with nothing gone
 * does not read 1.5 million match rows back.
 */
async function vanishedPostings(db: Knex, ledgerIds: readonly number[], alsoGone: ReadonlySet<number>): Promise<Array<{ postering_id: number; indsats_id: number | null }>> {
  const B = 10_000;
  const ledger = new Map<number, { n: number; sum: number }>();
  for (const id of ledgerIds) {
    const b = Math.floor(id / B);
    const e = ledger.get(b);
    if (e) {
      e.n++;
      e.sum += id;
    } else ledger.set(b, { n: 1, sum: id });
  }
  const stored = (await db.raw('select postering_id / ? as b, count(*)::int as n, sum(postering_id)::bigint as s from postering_match group by 1', [B])).rows as Array<{ b: number | string; n: number; s: number | string }>;
  const differing = stored.filter((r) => {
    const e = ledger.get(Number(r.b));
    return !e || e.n !== Number(r.n) || e.sum !== Number(r.s);
  }).map((r) => Number(r.b));
  const gone: Array<{ postering_id: number; indsats_id: number | null }> = [];
  if (differing.length) {
    const blocks = new Set(differing);
    const inLedger = new Set(ledgerIds.filter((id) => blocks.has(Math.floor(id / B))));
    for (const b of differing) {
      const rows = await db('postering_match').whereBetween('postering_id', [b * B, b * B + B - 1]).select('postering_id', 'indsats_id');
      for (const r of rows) if (!inLedger.has(Number(r.postering_id))) gone.push({ postering_id: Number(r.postering_id), indsats_id: r.indsats_id });
    }
  }
  const seen = new Set(gone.map((g) => g.postering_id));
  if (alsoGone.size) {
    for (const r of await db('postering_match').whereIn('postering_id', [...alsoGone]).select('postering_id', 'indsats_id')) {
      if (!seen.has(Number(r.postering_id))) gone.push({ postering_id: Number(r.postering_id), indsats_id: r.indsats_id });
    }
  }
  return gone;
}

/**
 * The months the store compares prices over: from the first month the ledger has payments for to the last
 * whole month before today (the month in progress is not invoiced yet).
 */
async function horizonOf(db: Knex, today: string): Promise<{ fra: string; til: string }> {
  const r = await db('postering_match').min('periode_fra as fra').first();
  const til = lastOfMonth(addMonths(firstOfMonth(today), -1));
  const fra = r?.fra ? firstOfMonth(String(r.fra)) : firstOfMonth(addMonths(today, -36));
  return { fra: fra > til ? firstOfMonth(til) : fra, til };
}

/** Postings an incremental run must match again: those of changed indsatser, of their citizens and creditors, and with new decisions. */
async function relatedPostingIds(db: Knex, world: RunWorld, o: { changed: number[]; stored: Map<number, { borgerId: number }>; decisionsSince: Date | null }): Promise<number[]> {
  const ids = new Set<number>();
  if (o.changed.length) {
    const borgere = new Set<number>();
    const kreditorer = new Set<string>();
    for (const id of o.changed) {
      const r = world.indsatser.get(id);
      if (r) {
        borgere.add(r.m.borgerId);
        for (const k of r.match.kreditorer) kreditorer.add(k);
      }
      const s = o.stored.get(id);
      if (s) borgere.add(s.borgerId);
    }
    for (let k = 0; k < o.changed.length; k += 5000) {
      const chunk = o.changed.slice(k, k + 5000);
      const rows = await db.raw('select postering_id from postering_match where indsats_id = any(?::int[]) or auto_indsats_id = any(?::int[])', [chunk, chunk]);
      for (const r of rows.rows) ids.add(Number(r.postering_id));
    }
    const b = [...borgere];
    for (let k = 0; k < b.length; k += 5000) {
      const rows = await db.raw('select postering_id from postering_match where borger_id = any(?::int[])', [b.slice(k, k + 5000)]);
      for (const r of rows.rows) ids.add(Number(r.postering_id));
    }
    if (kreditorer.size) {
      const rows = await db.raw('select postering_id from postering_match where indsats_id is null and borger_id is null and kreditor_nr = any(?::text[])', [[...kreditorer]]);
      for (const r of rows.rows) ids.add(Number(r.postering_id));
    }
  }
  if (o.decisionsSince) {
    for (const r of await db('manuel_beslutning').where('status_tidspunkt', '>=', o.decisionsSince).select('postering_id')) ids.add(Number(r.postering_id));
  }
  return [...ids].sort((a, b) => a - b);
}

async function decisionStatuses(
  db: Knex,
  o: { decisions: Map<number, { status: string; tildeltIndsatsId: number | null }>; ledgerGone: Set<number>; indsatsGone: number[]; koerselId: number; now: Date; full: boolean },
): Promise<void> {
  const gone = [...o.decisions.keys()].filter((id) => o.ledgerGone.has(id));
  await setDecisionStatus(db, gone, 'POSTERING_FORSVUNDET', o.now);
  await setDecisionStatus(db, o.indsatsGone, 'INDSATS_FORSVUNDET', o.now);
  const fund: Fund[] = [];
  const rows = await db('manuel_beslutning').whereNot({ status: 'AKTIV' }).select('postering_id', 'bilagsnr', 'status', 'tildelt_indsats_id');
  for (const r of rows) {
    const art = r.status === 'POSTERING_FORSVUNDET' ? 'BESLUTNING_POSTERING_FORSVUNDET' : 'BESLUTNING_INDSATS_FORSVUNDET';
    fund.push({ omfang: 'BESLUTNING', noegle: `${art}:${r.postering_id}`, art, posteringId: Number(r.postering_id), indsatsId: r.tildelt_indsats_id, detaljer: { bilagsnr: r.bilagsnr } });
  }
  await db.transaction(async (trx) => {
    await upsertFindings(trx, fund, o.koerselId, o.now);
    await deleteStaleFindings(trx, { omfang: 'BESLUTNING', koerselId: o.koerselId });
  });
}

async function writeIdentityGraph(db: Knex, world: RunWorld, koerselId: number): Promise<void> {
  const rows = world.identity.links.map((l) => ({ leverandoer_id: l.leverandoerId, kreditor_nr: l.kreditorNr, evidens: l.evidens.join(','), koersel_id: koerselId }));
  await db.transaction(async (trx) => {
    for (let k = 0; k < rows.length; k += 1000) await trx('leverandoer_kreditor').insert(rows.slice(k, k + 1000)).onConflict(['leverandoer_id', 'kreditor_nr']).merge();
    await trx('leverandoer_kreditor').whereNot({ koersel_id: koerselId }).delete();
  });
}

async function writeTakstFindings(db: Knex, world: RunWorld, o: { koerselId: number; now: Date; horizon: { fra: string; til: string } }): Promise<void> {
  const inputs = [...world.indsatser.values()]
    .filter((r) => r.indsats && r.m.status !== 'BEVILGET')
    .map((r) => ({
      indsatsId: r.m.indsatsId, leverandoerId: r.m.leverandoerId, indsats: r.indsats!, ydelseskoder: r.ydelseskoder,
      bestillinger: r.match.bestillingspriser, tilbud: world.identity.tilbudOf.get(r.m.leverandoerId) ?? null,
    }));
  const fund = takstFindings(inputs, { fraAar: Number(o.horizon.fra.slice(0, 4)), tilDato: o.horizon.til });
  await db.transaction(async (trx) => {
    await upsertFindings(trx, fund, o.koerselId, o.now);
    await deleteStaleFindings(trx, { omfang: 'TAKST', koerselId: o.koerselId });
  });
}
