import type { Bestilling, Kontrakt } from '../../../domain/model';
import { fromOere, toOere } from '../../../domain/money';
import type { NyAfvigelse } from './types';

/**
 * Afvigelser about one indsats and the postings matched to it, recomputed whenever the indsats or its matches
 * change: from the indsats' facts, its matched postings (read once per chunk of indsatser) and its sums.
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
 * Afvigelser among the postings matched to each indsats (given in registration order):
 *   BETALING_EFTER_SLUT / _FOER_START  a service period outside the indsats' period
 *   DUBLET_POSTERING  the same invoice again: creditor, account, service period and amount equal to an
 *                     earlier posting of the indsats; the first registered is the original
 *   KREDITERING       a credit note, with the latest earlier posting of the opposite amount it reverses
 */
export function posteringsgruppeAfvigelser(postings: readonly MatchedPosting[], facts: ReadonlyMap<number, IndsatsFacts>): NyAfvigelse[] {
  const out: NyAfvigelse[] = [];
  const seen = new Map<string, number>();
  const positives = new Map<string, number[]>();
  for (const p of postings) {
    const f = facts.get(p.indsatsId);
    if (!f) continue;
    const base = {
      omfang: 'INDSATS' as const,
      indsatsId: f.indsatsId,
      borgerId: f.borgerId,
      leverandoerId: f.leverandoerId,
      posteringId: p.posteringId,
      kreditorNr: p.kreditorNr,
      maaned: `${p.periodeFra.slice(0, 7)}-01`,
      beloebOere: p.beloebOere,
    };
    if (f.slut !== null && p.periodeFra > f.slut) {
      out.push({
        ...base,
        noegle: `BETALING_EFTER_SLUT:${p.posteringId}`,
        art: 'BETALING_EFTER_SLUT',
        felt: 'periode',
        detaljer: { periodeFra: p.periodeFra, periodeTil: p.periodeTil, indsatsSlut: f.slut },
      });
    } else if (p.periodeTil < f.start) {
      out.push({
        ...base,
        noegle: `BETALING_FOER_START:${p.posteringId}`,
        art: 'BETALING_FOER_START',
        felt: 'periode',
        detaljer: { periodeFra: p.periodeFra, periodeTil: p.periodeTil, indsatsStart: f.start },
      });
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

/** Money of one indsats over its months in the store: paid, contracted (months it ran), and how many postings. */
export interface IndsatsSums {
  faktisk: number;
  kontrakt: number | null;
  antal: number;
}

export function indsatsAfvigelser(
  facts: readonly IndsatsFacts[],
  postings: readonly MatchedPosting[],
  sums: ReadonlyMap<number, IndsatsSums>,
  opts: { glidningProcent: number },
): NyAfvigelse[] {
  const byId = new Map(facts.map((f) => [f.indsatsId, f]));
  const out: NyAfvigelse[] = [];
  const base = (f: IndsatsFacts) => ({ omfang: 'INDSATS' as const, indsatsId: f.indsatsId, borgerId: f.borgerId, leverandoerId: f.leverandoerId });
  for (const f of facts) {
    const s = sums.get(f.indsatsId) ?? { faktisk: 0, kontrakt: null, antal: 0 };
    // internal providers financed by budget are never paid per citizen: no payment is not missing payment
    if (f.afregnesPrBorger && f.status !== 'BEVILGET' && f.aktiveMaaneder > 0 && s.antal === 0) {
      out.push({
        ...base(f),
        noegle: `INDSATS_UDEN_BETALING:${f.indsatsId}`,
        art: 'INDSATS_UDEN_BETALING',
        beloebOere: s.kontrakt,
        detaljer: { aktiveMaaneder: f.aktiveMaaneder, kontrakt: s.kontrakt === null ? null : fromOere(s.kontrakt) },
      });
    }
    // money per indsats: paid (every month) against contract (the months it ran; the economy's amount, which
    // invoices are paid by, else the bestilling's)
    if (f.afregnesPrBorger && s.antal > 0 && s.kontrakt !== null && s.kontrakt > 0) {
      const diff = s.faktisk - s.kontrakt;
      if (Math.abs(diff) * 100 > opts.glidningProcent * s.kontrakt) {
        out.push({
          ...base(f),
          noegle: `FAKTISK_AFVIGER:${f.indsatsId}`,
          art: 'FAKTISK_AFVIGER',
          beloebOere: diff,
          felt: 'beloeb',
          detaljer: {
            faktisk: fromOere(s.faktisk),
            kontrakt: fromOere(s.kontrakt),
            forskel: fromOere(diff),
            procent: Math.round((diff * 10_000) / s.kontrakt) / 100,
            taerskelProcent: opts.glidningProcent,
          },
        });
      }
    }
    out.push(...kontraktprisAfvigelser(f));
  }
  out.push(...posteringsgruppeAfvigelser(postings, byId));
  return out;
}

/**
 * KONTRAKTPRIS_AFVIGER: each economy contract linked to the indsats against the bestilling of the same
 * period (same start, else the one valid on the contract's start).
 */
export function kontraktprisAfvigelser(f: Pick<IndsatsFacts, 'indsatsId' | 'borgerId' | 'leverandoerId' | 'bestillinger' | 'kontrakter'>): NyAfvigelse[] {
  const out: NyAfvigelse[] = [];
  for (const k of f.kontrakter) {
    const b =
      f.bestillinger.find((x) => x.gyldigFra === k.gyldigFra) ??
      f.bestillinger.find((x) => x.gyldigFra <= k.gyldigFra && (x.gyldigTil === null || x.gyldigTil >= k.gyldigFra));
    if (!b) continue;
    const fag = toOere(b.kontraktprisPrMaaned);
    const oek = toOere(k.beloebPrMaaned);
    if (fag === oek) continue;
    out.push({
      omfang: 'INDSATS',
      indsatsId: f.indsatsId,
      borgerId: f.borgerId,
      leverandoerId: f.leverandoerId,
      kreditorNr: k.kreditorNr,
      noegle: `KONTRAKTPRIS_AFVIGER:${f.indsatsId}:${k.kontraktNr}`,
      art: 'KONTRAKTPRIS_AFVIGER',
      felt: 'kontraktpris',
      maaned: `${k.gyldigFra.slice(0, 7)}-01`,
      beloebOere: oek - fag,
      detaljer: {
        kontraktNr: k.kontraktNr,
        bestillingId: b.id,
        aar: Number(k.gyldigFra.slice(0, 4)),
        fagsystem: fromOere(fag),
        oekonomi: fromOere(oek),
        forskel: fromOere(oek - fag),
      },
    });
  }
  return out;
}
