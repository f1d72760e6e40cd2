import type { Knex } from 'knex';
import { addMonths, firstOfMonth } from '../../domain/dates';
import { chunked } from '../chunked';
import { lastComparedMonth } from './invoicing-lag';
import type { RunWorld } from './world';

/**
 * The store SQL of a run's phases (run.ts lists the phases; phases/ decide what to do). Reads take the
 * store; writes take the transaction of the run's fence, so none of them can land after the run lost it.
 */
export type StoredIndsatser = Map<number, { version: string; borgerId: number }>;
export interface GonePosting {
  postering_id: number;
  indsats_id: number | null;
}

export async function readCvrCache(db: Knex): Promise<{ cvr: Map<string, string | null>; checked: Map<string, number> }> {
  const cvr = new Map<string, string | null>();
  const checked = new Map<string, number>();
  for (const r of await db('cvr_opslag').select('*')) {
    cvr.set(r.pnummer, r.cvr);
    checked.set(r.pnummer, new Date(r.kontrolleret).getTime());
  }
  return { cvr, checked };
}

export async function writeCvrLookups(trx: Knex.Transaction, lookups: ReadonlyMap<string, string | null>, now: Date): Promise<void> {
  const rows = [...lookups].map(([pnummer, cvr]) => ({ pnummer, cvr, kontrolleret: now }));
  for (const chunk of chunked(rows, 1000)) await trx('cvr_opslag').insert(chunk).onConflict('pnummer').merge();
}

export async function writeIdentityGraph(trx: Knex.Transaction, world: RunWorld, koerselId: number): Promise<void> {
  const rows = world.identity.links.map((l) => ({
    leverandoer_id: l.leverandoerId,
    kreditor_nr: l.kreditorNr,
    evidens: l.evidens.join(','),
    koersel_id: koerselId,
  }));
  for (const chunk of chunked(rows, 1000)) await trx('leverandoer_kreditor').insert(chunk).onConflict(['leverandoer_id', 'kreditor_nr']).merge();
  await trx('leverandoer_kreditor').whereNot({ koersel_id: koerselId }).delete();
}

export async function storedIndsatser(db: Knex): Promise<StoredIndsatser> {
  const stored: StoredIndsatser = new Map();
  for (const r of await db('indsats_afstemning').select('indsats_id', 'version', 'borger_id'))
    stored.set(r.indsats_id, { version: r.version, borgerId: r.borger_id });
  return stored;
}

/** After a full run: the rows it did not write are postings gone from the ledger (no other run can write meanwhile: fence.ts). */
export async function postingsNotWrittenBy(db: Knex, koerselId: number): Promise<GonePosting[]> {
  return db('postering_match').whereNot({ koersel_id: koerselId }).select('postering_id', 'indsats_id');
}

export async function deletePostings(trx: Knex.Transaction, ids: readonly number[]): Promise<void> {
  await trx('postering_match')
    .whereIn('postering_id', [...ids])
    .delete();
  await trx('afvigelse')
    .whereIn('postering_id', [...ids])
    .whereIn('omfang', ['POSTERING'])
    .delete();
}

/** What the ledger tells about its posting ids without sending them (connectors/oekonomi job reads). */
export interface LedgerIds {
  posteringOptaelling(): Promise<{ antal: number; idSum: number }>;
  posteringBlokke(blok: number): Promise<Array<{ blok: number; antal: number; idSum: number }>>;
  posteringIdsMellem(fra: number, til: number): Promise<number[]>;
}

/**
 * Postings in the store that are gone from the ledger, by change markers rather than by reading the ids:
 * the count and sum of ids of the ledger (computed by its database) against the store's; equal, nothing is
 * gone. Otherwise both sides are summarised per block of 10,000 ids and only blocks that differ are
 * compared id by id — a run with nothing gone reads neither 1.5 million ledger ids nor the match rows.
 */
export async function vanishedPostings(db: Knex, ledger: LedgerIds, alsoGone: ReadonlySet<number>): Promise<GonePosting[]> {
  const B = 10_000;
  const gone: GonePosting[] = [];
  const [l, st] = await Promise.all([
    ledger.posteringOptaelling(),
    db.raw('select count(*)::bigint as n, coalesce(sum(postering_id), 0)::bigint as s from postering_match'),
  ]);
  const mine = (st as { rows: Array<{ n: string | number; s: string | number }> }).rows[0]!;
  if (l.antal !== Number(mine.n) || l.idSum !== Number(mine.s)) {
    const [blocks, stored] = await Promise.all([
      ledger.posteringBlokke(B),
      db.raw('select postering_id / ? as b, count(*)::int as n, sum(postering_id)::bigint as s from postering_match group by 1', [B]),
    ]);
    const inLedger = new Map(blocks.map((b) => [b.blok, b]));
    const differing = (stored as { rows: Array<{ b: number | string; n: number; s: number | string }> }).rows
      .filter((r) => {
        const e = inLedger.get(Number(r.b));
        return !e || e.antal !== Number(r.n) || e.idSum !== Number(r.s);
      })
      .map((r) => Number(r.b));
    for (const b of differing) {
      const ids = new Set(await ledger.posteringIdsMellem(b * B, b * B + B - 1));
      const rows = await db('postering_match')
        .whereBetween('postering_id', [b * B, b * B + B - 1])
        .select('postering_id', 'indsats_id');
      for (const r of rows) if (!ids.has(Number(r.postering_id))) gone.push({ postering_id: Number(r.postering_id), indsats_id: r.indsats_id });
    }
  }
  const seen = new Set(gone.map((g) => g.postering_id));
  if (alsoGone.size) {
    for (const r of await db('postering_match')
      .whereIn('postering_id', [...alsoGone])
      .select('postering_id', 'indsats_id')) {
      if (!seen.has(Number(r.postering_id))) gone.push({ postering_id: Number(r.postering_id), indsats_id: r.indsats_id });
    }
  }
  return gone;
}

/** Postings an incremental run must match again: those of changed indsatser, of their citizens and creditors, and with new decisions. */
export async function relatedPostingIds(
  db: Knex,
  world: RunWorld,
  o: { changed: number[]; stored: StoredIndsatser; decisionsSince: Date | null },
): Promise<number[]> {
  const ids = new Set<number>();
  const add = (rows: { rows: Array<{ postering_id: number | string }> }) => {
    for (const r of rows.rows) ids.add(Number(r.postering_id));
  };
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
    for (const chunk of chunked(o.changed, 5000))
      add(await db.raw('select postering_id from postering_match where indsats_id = any(?::int[]) or auto_indsats_id = any(?::int[])', [chunk, chunk]));
    for (const chunk of chunked([...borgere], 5000)) add(await db.raw('select postering_id from postering_match where borger_id = any(?::int[])', [chunk]));
    if (kreditorer.size)
      add(
        await db.raw('select postering_id from postering_match where indsats_id is null and borger_id is null and kreditor_nr = any(?::text[])', [
          [...kreditorer],
        ]),
      );
  }
  if (o.decisionsSince) {
    for (const r of await db('manuel_beslutning').where('status_tidspunkt', '>=', o.decisionsSince).select('postering_id')) ids.add(Number(r.postering_id));
  }
  return [...ids].sort((a, b) => a - b);
}

/**
 * The months the store compares prices over: from the first month the ledger has payments for to the last
 * month whose invoices are due (invoicing-lag.ts: the month in progress and a month not yet invoiced are not compared).
 */
export async function horizonOf(db: Knex, today: string, lagDays: number): Promise<{ fra: string; til: string }> {
  const r = await db('postering_match').min('periode_fra as fra').first();
  const til = await lastComparedMonth(db, today, lagDays);
  const fra = r?.fra ? firstOfMonth(String(r.fra)) : firstOfMonth(addMonths(today, -36));
  return { fra: fra > til ? firstOfMonth(til) : fra, til };
}

export async function horizonOfRun(db: Knex, koerselId: number): Promise<{ fra: string; til: string } | null> {
  const r = await db('afstemning_koersel').where({ koersel_id: koerselId }).first('horisont_fra', 'horisont_til');
  return r ? { fra: String(r.horisont_fra), til: String(r.horisont_til) } : null;
}

export async function saveHorizon(trx: Knex.Transaction, koerselId: number, horizon: { fra: string; til: string }): Promise<void> {
  await trx('afstemning_koersel').where({ koersel_id: koerselId }).update({ horisont_fra: horizon.fra, horisont_til: horizon.til });
}

/** Decisions no longer AKTIV (their posting or indsats is gone), to report as afvigelser. */
export async function inactiveDecisions(
  db: Knex,
): Promise<Array<{ postering_id: number; bilagsnr: string; status: string; tildelt_indsats_id: number | null }>> {
  return db('manuel_beslutning').whereNot({ status: 'AKTIV' }).select('postering_id', 'bilagsnr', 'status', 'tildelt_indsats_id');
}
