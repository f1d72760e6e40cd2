import type { Knex } from 'knex';
import type { Bestilling, Kontrakt } from '../../domain/model';
import { fromOere, toOere } from '../../domain/money';
import type { Fund } from './types';

/**
 * Findings about one indsats and the postings matched to it, recomputed whenever the indsats or its matches
 * change. What can be said in SQL over the reconciled store is said there (one statement per kind for a
 * chunk of indsatser); the contract comparison needs the sources' records, which the run holds.
 */
export interface IndsatsFacts {
  indsatsId: number;
  borgerId: number;
  leverandoerId: number;
  status: 'BEVILGET' | 'AKTIV' | 'AFSLUTTET';
  afregnesPrBorger: boolean;
  /** months with days of service inside the horizon */
  aktiveMaaneder: number;
  bestillinger: readonly Bestilling[];
  kontrakter: readonly Kontrakt[];
  start: string;
  slut: string | null;
}

export interface MatchedPosting {
  posteringId: number;
  indsatsId: number;
  kreditorNr: string | null;
  konto: string;
  periodeFra: string;
  periodeTil: string;
  beloebOere: number;
  registreret: string;
}

/**
 * Findings among the postings matched to each indsats (given in registration order):
 *   BETALING_EFTER_SLUT / _FOER_START  a service period outside the indsats' period
 *   DUBLET_POSTERING  the same invoice again: creditor, account, service period and amount equal to an
 *                     earlier posting of the indsats; the first registered is the original
 *   KREDITERING       a credit note, with the latest earlier posting of the opposite amount it reverses
 */
export function postingGroupFindings(postings: readonly MatchedPosting[], facts: ReadonlyMap<number, IndsatsFacts>): Fund[] {
  const out: Fund[] = [];
  const seen = new Map<string, number>();
  const positives = new Map<string, number[]>();
  for (const p of postings) {
    const f = facts.get(p.indsatsId);
    if (!f) continue;
    const base = { omfang: 'INDSATS' as const, indsatsId: f.indsatsId, borgerId: f.borgerId, leverandoerId: f.leverandoerId, posteringId: p.posteringId, kreditorNr: p.kreditorNr, maaned: `${p.periodeFra.slice(0, 7)}-01`, beloebOere: p.beloebOere };
    if (f.slut !== null && p.periodeFra > f.slut) {
      out.push({ ...base, noegle: `BETALING_EFTER_SLUT:${p.posteringId}`, art: 'BETALING_EFTER_SLUT', felt: 'periode', detaljer: { periodeFra: p.periodeFra, periodeTil: p.periodeTil, indsatsSlut: f.slut } });
    } else if (p.periodeTil < f.start) {
      out.push({ ...base, noegle: `BETALING_FOER_START:${p.posteringId}`, art: 'BETALING_FOER_START', felt: 'periode', detaljer: { periodeFra: p.periodeFra, periodeTil: p.periodeTil, indsatsStart: f.start } });
    }
    const invoice = `${p.indsatsId}|${p.kreditorNr}|${p.konto}|${p.periodeFra}|${p.periodeTil}`;
    const same = `${invoice}|${p.beloebOere}`;
    const original = seen.get(same);
    if (original !== undefined) {
      out.push({ ...base, noegle: `DUBLET_POSTERING:${p.posteringId}`, art: 'DUBLET_POSTERING', relateretPosteringId: original });
    } else {
      seen.set(same, p.posteringId);
    }
    if (p.beloebOere < 0) {
      const reversed = positives.get(`${invoice}|${-p.beloebOere}`);
      out.push({ ...base, noegle: `KREDITERING:${p.posteringId}`, art: 'KREDITERING', relateretPosteringId: reversed?.[reversed.length - 1] ?? null });
    } else {
      const key = `${invoice}|${p.beloebOere}`;
      positives.set(key, [...(positives.get(key) ?? []), p.posteringId]);
    }
  }
  return out;
}

export async function indsatsFindings(db: Knex, facts: readonly IndsatsFacts[], opts: { glidningProcent: number }): Promise<Fund[]> {
  const ids = facts.map((f) => f.indsatsId);
  const byId = new Map(facts.map((f) => [f.indsatsId, f]));
  const out: Fund[] = [];
  const base = (f: IndsatsFacts) => ({ omfang: 'INDSATS' as const, indsatsId: f.indsatsId, borgerId: f.borgerId, leverandoerId: f.leverandoerId });

  // money per indsats: paid (every month) against contract (months it ran; the economy's amount, which
  // invoices are paid by, else the bestilling's)
  const sums = rowsOf(
    await db.raw(
      `select indsats_id, sum(faktisk_oere)::bigint as faktisk, sum(coalesce(kontrakt_oekonomi_oere, kontrakt_fagsystem_oere)) filter (where dage > 0)::bigint as kontrakt,
              sum(antal_posteringer)::int as antal
         from indsats_maaned where indsats_id = any(?::int[]) group by indsats_id`,
      [ids],
    ),
  );
  const sumOf = new Map(sums.map((r) => [Number(r.indsats_id), { faktisk: Number(r.faktisk ?? 0), kontrakt: r.kontrakt === null ? null : Number(r.kontrakt), antal: Number(r.antal ?? 0) }]));
  for (const f of facts) {
    const s = sumOf.get(f.indsatsId) ?? { faktisk: 0, kontrakt: null, antal: 0 };
    // internal providers financed by budget are never paid per citizen: no payment is not missing payment
    if (f.afregnesPrBorger && f.status !== 'BEVILGET' && f.aktiveMaaneder > 0 && s.antal === 0) {
      out.push({ ...base(f), noegle: `INDSATS_UDEN_BETALING:${f.indsatsId}`, art: 'INDSATS_UDEN_BETALING', beloebOere: s.kontrakt, detaljer: { aktiveMaaneder: f.aktiveMaaneder, kontrakt: s.kontrakt === null ? null : fromOere(s.kontrakt) } });
    }
    if (f.afregnesPrBorger && s.antal > 0 && s.kontrakt !== null && s.kontrakt > 0) {
      const diff = s.faktisk - s.kontrakt;
      if (Math.abs(diff) * 100 > opts.glidningProcent * s.kontrakt) {
        out.push({
          ...base(f), noegle: `FAKTISK_AFVIGER:${f.indsatsId}`, art: 'FAKTISK_AFVIGER', beloebOere: diff, felt: 'beloeb',
          detaljer: { faktisk: fromOere(s.faktisk), kontrakt: fromOere(s.kontrakt), forskel: fromOere(diff), procent: Math.round((diff * 10_000) / s.kontrakt) / 100, taerskelProcent: opts.glidningProcent },
        });
      }
    }
    out.push(...contractPriceFindings(f));
  }

  const postings = rowsOf(
    await db.raw(
      `select postering_id, indsats_id, kreditor_nr, konto, periode_fra, periode_til, beloeb_oere, registreret
         from postering_match where indsats_id = any(?::int[]) order by indsats_id, registreret, postering_id`,
      [ids],
    ),
  ).map((r) => ({
    posteringId: Number(r.postering_id), indsatsId: Number(r.indsats_id), kreditorNr: (r.kreditor_nr as string | null) ?? null, konto: String(r.konto),
    periodeFra: String(r.periode_fra), periodeTil: String(r.periode_til), beloebOere: Number(r.beloeb_oere), registreret: String(r.registreret),
  }));
  out.push(...postingGroupFindings(postings, byId));
  return out;
}

/**
 * KONTRAKTPRIS_AFVIGER: each economy contract linked to the indsats against the bestilling of the same
 * period (same start, else the one valid on the contract's start).
 */
export function contractPriceFindings(f: Pick<IndsatsFacts, 'indsatsId' | 'borgerId' | 'leverandoerId' | 'bestillinger' | 'kontrakter'>): Fund[] {
  const out: Fund[] = [];
  for (const k of f.kontrakter) {
    const b =
      f.bestillinger.find((x) => x.gyldigFra === k.gyldigFra) ??
      f.bestillinger.find((x) => x.gyldigFra <= k.gyldigFra && (x.gyldigTil === null || x.gyldigTil >= k.gyldigFra));
    if (!b) continue;
    const fag = toOere(b.kontraktprisPrMaaned);
    const oek = toOere(k.beloebPrMaaned);
    if (fag === oek) continue;
    out.push({
      omfang: 'INDSATS', indsatsId: f.indsatsId, borgerId: f.borgerId, leverandoerId: f.leverandoerId, kreditorNr: k.kreditorNr,
      noegle: `KONTRAKTPRIS_AFVIGER:${f.indsatsId}:${k.kontraktNr}`, art: 'KONTRAKTPRIS_AFVIGER', felt: 'kontraktpris', maaned: `${k.gyldigFra.slice(0, 7)}-01`,
      beloebOere: oek - fag,
      detaljer: { kontraktNr: k.kontraktNr, bestillingId: b.id, aar: Number(k.gyldigFra.slice(0, 4)), fagsystem: fromOere(fag), oekonomi: fromOere(oek), forskel: fromOere(oek - fag) },
    });
  }
  return out;
}

function rowsOf(r: unknown): Array<Record<string, unknown>> {
  return ((r as { rows?: Array<Record<string, unknown>> }).rows ?? []) as Array<Record<string, unknown>>;
}
