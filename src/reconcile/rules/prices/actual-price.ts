import type { PosteringMatch } from '../types';

/**
 * Faktisk pris: the sum of the postings matched to an indsats (credit notes are negative and subtract).
 * A posting counts in the month its service period starts; "indeværende år" is the calendar year of today.
 */
export interface ActualPrice {
  iAlt: number;
  indevaerendeAar: number;
  prMaaned: Array<{ maaned: string; beloeb: number }>;
  antalPosteringer: number;
}

export function actualPrice(matches: readonly PosteringMatch[], today: string): ActualPrice {
  const year = today.slice(0, 4);
  const byMonth = new Map<string, number>();
  let total = 0;
  let thisYear = 0;
  for (const m of matches) {
    total += m.beloebOere;
    if (m.periodeFra.startsWith(year)) thisYear += m.beloebOere;
    const month = m.periodeFra.slice(0, 7);
    byMonth.set(month, (byMonth.get(month) ?? 0) + m.beloebOere);
  }
  const prMaaned = [...byMonth.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([maaned, beloeb]) => ({ maaned, beloeb }));
  return { iAlt: total, indevaerendeAar: thisYear, prMaaned, antalPosteringer: matches.length };
}
