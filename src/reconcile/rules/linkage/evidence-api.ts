import { fromOere } from '../../../domain/money';
import type { StoredCandidate, StoredEvidens } from './evidence-codec';
import { afvigelsesvaegt, VAEGT } from './weights';

/**
 * The stored evidence (evidence-codec.ts) expanded for the API: each candidate with its fields' levels and
 * weights (recomputed from the levels: the weights are the code's, not stored), the amount deviation, and
 * for the losers the fields where they scored lower than the chosen candidate.
 */
export interface FeltvurderingParent {
  felt: string;
  niveau: string;
  vaegt: number;
  enig: boolean;
}

export interface KandidatevidensParent {
  indsatsId: number;
  blokke: string[];
  score: number;
  sandsynlighed: number;
  felter: FeltvurderingParent[];
  forventetBeloeb: string | null;
  beloebAfvigelse: number | null;
  tabteFordi: FeltvurderingParent[];
}

export interface MatchevidensParent {
  valgt: KandidatevidensParent | null;
  andre: KandidatevidensParent[];
  ingenSandsynlighed: number;
  flag: string | null;
}

function fields(c: StoredCandidate): FeltvurderingParent[] {
  const [, , , cpr, konto, kreditor, periode, beloeb, , afvigelse, tekst, integrationsId] = c;
  const w = (felt: string, niveau: string, vaegt: number) => ({ felt, niveau, vaegt: Math.round(vaegt * 1000) / 1000, enig: vaegt > 0 });
  const out = [
    w('cpr', cpr, VAEGT.cpr[cpr as keyof typeof VAEGT.cpr] ?? 0),
    w('konto', konto, VAEGT.konto[konto as keyof typeof VAEGT.konto] ?? 0),
    w('kreditor', kreditor, VAEGT.kreditor[kreditor as keyof typeof VAEGT.kreditor] ?? 0),
    w('periode', periode, VAEGT.periode[periode as keyof typeof VAEGT.periode] ?? 0),
    w('beloeb', beloeb, beloeb === 'AFVIGER' ? afvigelsesvaegt(Math.abs(afvigelse ?? 0)) : (VAEGT.beloeb[beloeb as keyof typeof VAEGT.beloeb] ?? 0)),
    w('tekst', tekst, VAEGT.tekst[tekst as keyof typeof VAEGT.tekst] ?? 0),
  ];
  if (integrationsId) out.unshift(w('integrationsId', 'SAMME', VAEGT.integrationsId));
  return out;
}

function candidate(c: StoredCandidate, winner: FeltvurderingParent[] | null): KandidatevidensParent {
  const felter = fields(c);
  const tabteFordi = winner ? felter.filter((f) => f.vaegt < (winner.find((x) => x.felt === f.felt)?.vaegt ?? 0)) : [];
  return {
    indsatsId: c[0],
    blokke: c[12] ? c[12].split(',') : [],
    score: c[1],
    sandsynlighed: c[2],
    felter,
    forventetBeloeb: c[8] === null ? null : fromOere(c[8]),
    beloebAfvigelse: c[9],
    tabteFordi,
  };
}

export function expandEvidens(stored: unknown): MatchevidensParent | null {
  if (stored === null || stored === undefined) return null;
  const e = (typeof stored === 'string' ? JSON.parse(stored) : stored) as StoredEvidens;
  const valgt = e.v ? candidate(e.v, null) : null;
  return { valgt, andre: e.a.map((a) => candidate(a, valgt?.felter ?? null)), ingenSandsynlighed: e.i[1], flag: e.f };
}
