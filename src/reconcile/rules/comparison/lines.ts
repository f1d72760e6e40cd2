import { fromOere, type Money } from '../../../domain/money';
import type { Kildesystem, PrecedencePolicy } from '../../../domain/provenance-policy';
import type { Prisbeloeb } from './types';

/**
 * The differences shown beside the four prices: a − b in DKK and as a percentage of b, from exact øre
 * sums (the percentage is the only rounded number: two decimals, half away from zero).
 */
export interface Difference {
  beloeb: Money;
  procent: number | null;
}

export function difference(a: number | null, b: number | null): Difference | null {
  if (a === null || b === null) return null;
  const d = a - b;
  return { beloeb: fromOere(d), procent: b === 0 ? null : (Math.sign(d * b) * Math.round(Math.abs((d * 10_000) / b))) / 100 };
}

/** Whether faktisk drifts from the contract by more than the threshold (no contract but money paid also counts). */
export function isGlidning(b: Pick<Prisbeloeb, 'faktisk' | 'kontrakt'>, procent: number): boolean {
  if (b.kontrakt === null || b.kontrakt === 0) return b.faktisk !== 0;
  return Math.abs(b.faktisk - b.kontrakt) * 100 > procent * Math.abs(b.kontrakt);
}

/** The kontraktpris glidning is measured against: the first source in the policy's order. */
export function kontraktKilde(policy: PrecedencePolicy): Kildesystem {
  return policy['indsats.kontraktpris'][0] ?? 'FAGSYSTEM';
}

export function priceLine(b: Prisbeloeb, glidningProcent: number, kontraktKilde: Kildesystem) {
  const money = (v: number | null) => (v === null ? null : fromOere(v));
  return {
    forventet: money(b.forventet),
    kontraktFagsystem: money(b.kontraktFagsystem),
    kontraktOekonomi: money(b.kontraktOekonomi),
    takst: money(b.takst),
    faktisk: fromOere(b.faktisk),
    kontrakt: money(b.kontrakt),
    kontraktKilde,
    faktiskVsKontrakt: difference(b.faktisk, b.kontrakt),
    faktiskVsForventet: difference(b.faktisk, b.forventet),
    kontraktVsForventet: difference(b.kontrakt, b.forventet),
    // like with like: each pair is summed over the same indsats-months
    takstVsKontrakt: difference(b.takst, b.kontraktFagsystemMedTakst),
    kontraktOekonomiVsFagsystem: difference(b.kontraktOekonomi, b.kontraktFagsystemMedOekonomi),
    glidning: isGlidning(b, glidningProcent),
    glidningTaerskelProcent: glidningProcent,
    antalPosteringer: b.antalPosteringer,
  };
}
