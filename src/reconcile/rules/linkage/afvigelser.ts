import type { NyAfvigelse } from '../afvigelser/types';
import type { MatchOutcome, MatchPosting } from '../matching/types';
import type { LinkOutcome } from './decide';

/**
 * Afvigelser the linkage evidence shows about a posting whose automatic decision stands (a manual decision
 * overrides the evidence, so then nothing is said):
 *   BELOEB_AFVIGER           matched, but the amount is beyond tolerance of the price for the period
 *   KONTERINGSFEJL           matched on a neighbouring function (should be omposteret)
 *   MELLEMKOMMUNAL_REFUSION  paid through another municipality, with its administration surcharge
 *   CPR_OMBYTTET             the CPR does not fit the amount, another resident's indsats does (matched
 *                            crosswise when both postings were seen, else left for a person)
 * Details are amounts, ratios and indsats ids; never a CPR.
 */
export function linkageAfvigelser(p: MatchPosting, auto: LinkOutcome, final: MatchOutcome, leverandoerId: number | null): NyAfvigelse[] {
  if (final.indsatsId !== auto.indsatsId) return [];
  const base = {
    omfang: 'POSTERING' as const,
    posteringId: p.id,
    borgerId: auto.who.borgerId,
    kreditorNr: p.kreditorNr,
    maaned: `${p.periodeFra.slice(0, 7)}-01`,
    beloebOere: p.beloebOere,
    indsatsId: auto.indsatsId,
    leverandoerId,
  };
  const e = auto.evidens;
  const out: NyAfvigelse[] = [];
  if (e.flag === 'CPR_OMBYTTET') {
    out.push({
      ...base,
      noegle: `CPR_OMBYTTET:${p.id}`,
      art: 'CPR_OMBYTTET',
      felt: 'cpr',
      detaljer: { matchet: auto.indsatsId !== null, forklarendeIndsats: e.alternativ },
    });
  }
  const v = e.valgt;
  if (!v || auto.indsatsId === null) return out;
  if (v.beloeb.niveau === 'AFVIGER' && v.beloeb.forventetOere !== null) {
    out.push({
      ...base,
      noegle: `BELOEB_AFVIGER:${p.id}`,
      art: 'BELOEB_AFVIGER',
      felt: 'beloeb',
      detaljer: { forventetOere: v.beloeb.forventetOere, afvigelse: v.beloeb.afvigelse, kandidater: auto.kandidater },
    });
  }
  if (v.konto.niveau === 'NABO') out.push({ ...base, noegle: `KONTERINGSFEJL:${p.id}`, art: 'KONTERINGSFEJL', felt: 'konto', detaljer: { konto: p.konto } });
  if (v.kreditor.niveau === 'KOMMUNE') {
    out.push({
      ...base,
      noegle: `MELLEMKOMMUNAL_REFUSION:${p.id}`,
      art: 'MELLEMKOMMUNAL_REFUSION',
      felt: 'kreditor',
      detaljer: { forventetOere: v.beloeb.forventetOere, tillaeg: v.beloeb.afvigelse },
    });
  }
  return out;
}
