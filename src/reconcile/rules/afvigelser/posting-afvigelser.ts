import { paragrafferForKonto } from '../../../domain/codes/paragraffer';
import type { MatchOutcome, MatchPosting } from '../matching/types';
import type { ResolvedCitizen } from '../identity/citizens';
import type { NyAfvigelse } from './types';

/**
 * Afvigelser about a single posting, decided where the posting is matched:
 *   POSTERING_UMATCHET  unmatched, and it looks like payment for an indsats: booked on a paragraph account
 *                       (kontoplan 5.38.xx of an indsats' paragraph) and either carrying a citizen or paid to
 *                       a creditor that is not purely a budget-financed unit (budget transfers to internal
 *                       providers not settled per citizen are expected and never reported)
 *   POSTERING_TVETYDIG  several indsatser fit equally
 *   CPR_KUN_I_TEKST     the citizen was found only in the free text
 *   CPR_MANGLER         matched to an indsats on a per-person (personhenført) account without any CPR
 *   ANDEN_KREDITOR      matched, but paid to a creditor that is not the indsats' provider
 */
export interface PostingContext {
  posting: MatchPosting;
  who: ResolvedCitizen;
  outcome: MatchOutcome;
  /** the provider of the matched indsats */
  leverandoerId: number | null;
  /** the creditor belongs only to providers financed by budget (not settled per citizen) */
  kreditorKunBudget: boolean;
}

export function posteringAfvigelser(c: PostingContext): NyAfvigelse[] {
  const p = c.posting;
  const base = {
    omfang: 'POSTERING' as const,
    posteringId: p.id,
    borgerId: c.who.borgerId,
    kreditorNr: p.kreditorNr,
    maaned: `${p.periodeFra.slice(0, 7)}-01`,
    beloebOere: p.beloebOere,
  };
  const out: NyAfvigelse[] = [];
  if (c.outcome.indsatsId === null) {
    if (c.outcome.regel === 'TVETYDIG') {
      out.push({
        ...base,
        noegle: `POSTERING_TVETYDIG:${p.id}`,
        art: 'POSTERING_TVETYDIG',
        detaljer: { kandidater: c.outcome.kandidater, kandidatIndsatser: c.outcome.kandidatIds ?? [] },
      });
    } else if (looksLikeIndsatsPayment(p, c.who, c.kreditorKunBudget)) {
      out.push({ ...base, noegle: `POSTERING_UMATCHET:${p.id}`, art: 'POSTERING_UMATCHET', detaljer: { aarsag: c.outcome.regel } });
    }
  }
  const indsats = { indsatsId: c.outcome.indsatsId, leverandoerId: c.leverandoerId };
  if (c.who.cprKilde === 'TEKST' && c.who.borgerId !== null) {
    out.push({ ...base, ...indsats, noegle: `CPR_KUN_I_TEKST:${p.id}`, art: 'CPR_KUN_I_TEKST' });
  }
  if (c.outcome.indsatsId !== null && c.who.cprKilde === 'INGEN' && paragrafferForKonto(p.konto).some((x) => x.personhenfoert)) {
    out.push({ ...base, ...indsats, noegle: `CPR_MANGLER:${p.id}`, art: 'CPR_MANGLER', detaljer: { regel: c.outcome.regel } });
  }
  if (c.outcome.indsatsId !== null && c.outcome.kreditorErLeverandoer === false) {
    out.push({ ...base, ...indsats, noegle: `ANDEN_KREDITOR:${p.id}`, art: 'ANDEN_KREDITOR', detaljer: { regel: c.outcome.regel } });
  }
  return out;
}

export function looksLikeIndsatsPayment(p: Pick<MatchPosting, 'konto'>, who: ResolvedCitizen, kreditorKunBudget: boolean): boolean {
  if (paragrafferForKonto(p.konto).length === 0) return false;
  if (who.borgerId !== null) return true;
  return !kreditorKunBudget;
}
