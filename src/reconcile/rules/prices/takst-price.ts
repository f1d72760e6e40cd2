import type { Indsats, Takst } from '../../../domain/model';
import { toOere, roundOere } from '../../../domain/money';
import { UGER_PR_MAANED_DENOMINATOR, UGER_PR_MAANED_NUMERATOR } from '../../../domain/codes/vum';

/**
 * The Tilbudsportalen takst comparable to a monthly kontraktpris: for the indsats' paragraph in the given
 * year, preferring a takst published for one of the indsats' ydelser over one for the whole offer.
 *
 * When the takst is per the unit the indsats is ordered in (VUM 2.0 ID 44: a døgn takst for a stay ordered
 * in døgn, an hourly takst for hours), the month is the indsats' own volume × takst — exactly how a
 * kontraktpris is made from a takst (ID 45 × ID 46 × 52/12 weeks), so an unchanged takst compares equal to
 * the contract. Otherwise a daily takst is a month of 365/12 days and an hourly takst is multiplied by the
 * expected hours per month.
 */
export function monthlyTakst(opts: {
  takster: readonly Takst[];
  aar: number;
  indsats: Pick<Indsats, 'paragraf' | 'antalEnheder' | 'ydelsesfrekvens'> & Partial<Pick<Indsats, 'ydelsesenhed'>>;
  ydelseskoder: readonly string[];
}): number | null {
  const chosen = chooseTakst({ takster: opts.takster, aar: opts.aar, paragraf: opts.indsats.paragraf, ydelseskoder: opts.ydelseskoder });
  if (!chosen) return null;
  const takst = toOere(chosen.takst);
  const unitsHundredths = toOere(opts.indsats.antalEnheder);
  const perMonth = (perPeriodTimes100: number) =>
    opts.indsats.ydelsesfrekvens === 'UGE'
      ? divRoundHalfUp(perPeriodTimes100 * UGER_PR_MAANED_NUMERATOR, UGER_PR_MAANED_DENOMINATOR * 100)
      : divRoundHalfUp(perPeriodTimes100, 100);
  if (opts.indsats.ydelsesenhed !== undefined && opts.indsats.ydelsesenhed === chosen.enhed) return perMonth(takst * unitsHundredths);
  switch (chosen.enhed) {
    case 'MAANED':
      return takst;
    case 'DOEGN':
      return roundOere((takst * 365) / 12);
    case 'TIME':
      return perMonth(takst * unitsHundredths);
  }
}

/** The takst line for a paragraph and year: one published for one of the indsats' ydelser, else the offer's. */
export function chooseTakst(opts: { takster: readonly Takst[]; aar: number; paragraf: string; ydelseskoder: readonly string[] }): Takst | null {
  const candidates = opts.takster.filter((t) => t.aar === opts.aar && t.paragraf === opts.paragraf);
  return candidates.find((t) => t.ydelseskode !== null && opts.ydelseskoder.includes(t.ydelseskode)) ?? candidates.find((t) => t.ydelseskode === null) ?? null;
}

/** Exact integer rounding (half away from zero) of num/den, as prices are made: no float on the way. */
export function divRoundHalfUp(num: number, den: number): number {
  const sign = num < 0 ? -1 : 1;
  const n = Math.abs(num);
  return sign * Math.floor((2 * n + den) / (2 * den));
}
