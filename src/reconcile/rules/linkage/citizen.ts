import { findCprNumbers } from '../../../domain/identifiers/cpr-in-text';
import { normaliseCprField } from '../../../domain/identifiers/cpr-field';
import type { CitizenResolver, ResolvedCitizen } from '../identity/citizens';
import type { CprNiveau } from './types';

/**
 * The citizen a posting names, with how it was found: the CPR field (as typed, or repaired when it lost
 * its leading zero), else a CPR in the text in any spelling. A field that names no known citizen is kept
 * (in memory only) so candidates from other blocks can be compared with it — a typo is one digit off —
 * instead of stopping the matching.
 */
export interface CitizenEvidence {
  borgerId: number | null;
  kilde: Extract<CprNiveau, 'FELT' | 'FELT_RETTET' | 'TEKST'>;
  /** the CPR the posting carries when it names no known citizen (never stored) */
  ukendtCpr: string | null;
  /** the stored form: where a CPR was found (FELT covers a repaired field, a field naming no one) */
  resolved: ResolvedCitizen;
}

export function citizenEvidence(p: { cpr: string | null; tekst: string }, citizens: CitizenResolver): CitizenEvidence {
  let ukendtCpr: string | null = null;
  let fieldPresent = false;
  if (p.cpr && p.cpr.trim()) {
    fieldPresent = true;
    const n = normaliseCprField(p.cpr);
    if (n) {
      const id = citizens.borgerIdOf(n.cpr);
      if (id !== null) return { borgerId: id, kilde: n.rettet ? 'FELT_RETTET' : 'FELT', ukendtCpr: null, resolved: { borgerId: id, cprKilde: 'FELT' } };
      ukendtCpr = n.cpr;
    }
  }
  const found = findCprNumbers(p.tekst);
  for (const cpr of found) {
    const id = citizens.borgerIdOf(cpr);
    if (id !== null) return { borgerId: id, kilde: 'TEKST', ukendtCpr: null, resolved: { borgerId: id, cprKilde: 'TEKST' } };
  }
  if (!fieldPresent && found.length) ukendtCpr = found[0]!;
  const cprKilde = fieldPresent ? 'FELT' : found.length ? 'TEKST' : 'INGEN';
  return { borgerId: null, kilde: 'FELT', ukendtCpr, resolved: { borgerId: null, cprKilde } };
}
