import { UGER_PR_MAANED_DENOMINATOR, UGER_PR_MAANED_NUMERATOR } from '../../src/domain/codes';

/**
 * Price arithmetic in integer øre (never floats for amounts). The monthly price of an indsats is
 * VUM 2.0 ID 45–48: number of units per period × enhedspris, a weekly volume turned into a monthly one
 * with 52/12 weeks per month. A month partly covered is prorated by calendar days.
 */

/** Rounds num/den half up, for non-negative integers (exact: no float division of amounts). */
export function divRound(num: number, den: number): number {
  if (!Number.isSafeInteger(num) || !Number.isSafeInteger(den) || den <= 0) throw new Error('divRound needs safe integers');
  const sign = num < 0 ? -1 : 1;
  const n = Math.abs(num);
  return sign * Math.floor((2 * n + den) / (2 * den));
}

/** Monthly price in øre: units (in hundredths) × enhedspris (øre), per week × 52/12 or per month. */
export function maanedsprisOere(input: { hundredths: number; ydelsesfrekvens: 'UGE' | 'MAANED'; enhedsprisOere: number }): number {
  const base = input.hundredths * input.enhedsprisOere;
  return input.ydelsesfrekvens === 'UGE' ? divRound(base * UGER_PR_MAANED_NUMERATOR, 100 * UGER_PR_MAANED_DENOMINATOR) : divRound(base, 100);
}

/** A month's amount when the indsats ran `days` of the month's `dim` days. */
export function prorateOere(monthlyOere: number, days: number, dim: number): number {
  return days >= dim ? monthlyOere : divRound(monthlyOere * days, dim);
}

/** Scales an amount by a factor given in per mille (1000 = unchanged). */
export function scalePermille(oere: number, permille: number): number {
  return divRound(oere * permille, 1000);
}

/**
 * Øre of an amount the generator itself wrote with `fromOere` ("-1234.50"): dropping the point of a
 * two-decimal string gives the integer exactly, without the regex of `toOere` on 1.5 million postings.
 */
export function oereOfCanonical(beloeb: string): number {
  const dot = beloeb.length - 3;
  if (beloeb[dot] !== '.') throw new Error('not a two-decimal amount');
  return Number(beloeb.slice(0, dot) + beloeb.slice(dot + 1));
}
