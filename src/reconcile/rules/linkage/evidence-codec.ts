import type { MatchEvidens } from './decide';
import type { Kandidatvurdering } from './types';

/**
 * The stored form of a match's evidence: short arrays instead of named objects, so 1.5 million postings'
 * evidence stays small (most have one candidate: about 100 bytes). Field order of a candidate:
 * [indsatsId, score, sandsynlighed, cpr, konto, kreditor, periode, beloeb, forventetOere, afvigelse, tekst,
 *  integrationsId (1/0), blokke]. Weights are not stored: they follow from the levels (weights.ts).
 */
export type StoredCandidate = [number, number, number, string, string, string, string, string, number | null, number | null, string, 0 | 1, string];
export interface StoredEvidens {
  v: StoredCandidate | null;
  a: StoredCandidate[];
  i: [number, number];
  f: string | null;
  x: number | null;
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;

function encodeCandidate(c: Kandidatvurdering): StoredCandidate {
  return [
    c.indsatsId,
    r3(c.score),
    r3(c.sandsynlighed),
    c.cpr.niveau,
    c.konto.niveau,
    c.kreditor.niveau,
    c.periode.niveau,
    c.beloeb.niveau,
    c.beloeb.forventetOere,
    c.beloeb.afvigelse,
    c.tekst.niveau,
    c.integrationsId ? 1 : 0,
    c.blokke.join(','),
  ];
}

/** At most three other candidates are kept: the ones a person would look at. */
export function encodeEvidens(e: MatchEvidens): StoredEvidens {
  return {
    v: e.valgt ? encodeCandidate(e.valgt) : null,
    a: e.andre.slice(0, 3).map(encodeCandidate),
    i: [e.ingen.score, r3(e.ingen.sandsynlighed)],
    f: e.flag,
    x: e.alternativ,
  };
}
