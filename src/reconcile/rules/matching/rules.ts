import { paragrafferForKonto } from '../../../domain/codes/paragraffer';
import { lastOfMonth } from '../../../domain/dates';
import type { MatchIndsats, MatchPosting } from './types';

/**
 * The field comparisons record linkage (../linkage) builds on: does a posting's service period overlap an
 * indsats, is it exactly the days the indsats ran that month, does its account fit the indsats' paragraph,
 * is its creditor the indsats' provider. The tiered rule list these once fed is replaced by scoring.
 */
export function overlaps(p: Pick<MatchPosting, 'periodeFra' | 'periodeTil'>, i: Pick<MatchIndsats, 'start' | 'slut'>): boolean {
  return p.periodeFra <= (i.slut ?? '9999-12-31') && p.periodeTil >= i.start;
}

/** Account function ↔ paragraph: the indsats' own kontonummer (VUM 2.0 ID 37), else the kontoplan mapping. */
export function kontoFits(p: Pick<MatchPosting, 'konto'>, i: Pick<MatchIndsats, 'konto' | 'paragraf'>): boolean {
  return i.konto === p.konto || paragrafferForKonto(p.konto).some((x) => x.kode === i.paragraf);
}

export function creditorFits(p: Pick<MatchPosting, 'kreditorNr'>, i: Pick<MatchIndsats, 'kreditorer'>): boolean {
  return p.kreditorNr !== null && i.kreditorer.has(p.kreditorNr);
}

/** The posting's service period is exactly the days the indsats ran in that month. */
export function servicePeriodFits(p: Pick<MatchPosting, 'periodeFra' | 'periodeTil'>, i: Pick<MatchIndsats, 'start' | 'slut'>): boolean {
  const monthStart = `${p.periodeFra.slice(0, 7)}-01`;
  const monthEnd = lastOfMonth(p.periodeFra);
  const from = i.start > monthStart ? i.start : monthStart;
  const to = i.slut !== null && i.slut < monthEnd ? i.slut : monthEnd;
  return p.periodeFra === from && p.periodeTil === to;
}
