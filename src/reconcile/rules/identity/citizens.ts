import { findCprInText } from '../../../domain/identifiers/cpr';
import type { CprKilde } from '../matching/types';

/**
 * Citizen identity across systems is the CPR number (domain brief, "Identity"). The economy carries it in
 * the posting's CPR field on per-person accounts, sometimes only inside the free text. The resolver maps
 * it to the fagsystem's borger id; the CPR itself stays in memory for the run and is never stored or logged.
 */
export interface ResolvedCitizen {
  borgerId: number | null;
  cprKilde: CprKilde;
}

export class CitizenResolver {
  private readonly byCpr = new Map<string, number>();

  add(cpr: string, borgerId: number): void {
    this.byCpr.set(cpr.replace(/-/g, ''), borgerId);
  }

  get size(): number {
    return this.byCpr.size;
  }

  borgerIdOf(cpr: string): number | null {
    return this.byCpr.get(cpr.replace(/-/g, '')) ?? null;
  }

  /**
   * The field first; else the first CPR-shaped token in the text that is a known citizen (a text may hold
   * other numbers; only a valid CPR date that the fagsystem knows counts). A CPR that belongs to no known
   * citizen still tells that the posting is someone's — it is never attributed by creditor and amount alone.
   */
  resolve(p: { cpr: string | null; tekst: string }): ResolvedCitizen {
    if (p.cpr && p.cpr.trim()) return { borgerId: this.borgerIdOf(p.cpr.trim()), cprKilde: 'FELT' };
    const found = findCprInText(p.tekst);
    if (found.length === 0) return { borgerId: null, cprKilde: 'INGEN' };
    for (const cpr of found) {
      const id = this.borgerIdOf(cpr);
      if (id !== null) return { borgerId: id, cprKilde: 'TEKST' };
    }
    return { borgerId: null, cprKilde: 'TEKST' };
  }
}
