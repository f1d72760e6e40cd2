import type { PrisPeriode } from './types';

/**
 * "Amount ≈ price × period" (domain brief, matching tier 3). Invoices for a part of a month are prorated by
 * calendar days (the days the service ran over the days of the month), rounded half up to whole øre, so
 * the expected amount of a posting is the monthly price valid at the period's start × days / month days.
 */
export function daysInclusive(fra: string, til: string): number {
  return dayNumber(til) - dayNumber(fra) + 1;
}

/**
 * Days since 1970-01-01 of an ISO date by calendar arithmetic (no Date object): this runs for every posting
 * and every indsats-month of a municipality, where parsing dates dominated the job's CPU time.
 */
export function dayNumber(iso: string): number {
  let y = (iso.charCodeAt(0) - 48) * 1000 + (iso.charCodeAt(1) - 48) * 100 + (iso.charCodeAt(2) - 48) * 10 + (iso.charCodeAt(3) - 48);
  const m = (iso.charCodeAt(5) - 48) * 10 + (iso.charCodeAt(6) - 48);
  const d = (iso.charCodeAt(8) - 48) * 10 + (iso.charCodeAt(9) - 48);
  // days from civil (H. Hinnant's algorithm)
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function daysInMonthOf(iso: string): number {
  const y = Number(iso.slice(0, 4));
  const m = (iso.charCodeAt(5) - 48) * 10 + (iso.charCodeAt(6) - 48);
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

export function prorate(monthlyOere: number, fra: string, til: string): number {
  const dim = daysInMonthOf(fra);
  const days = Math.min(daysInclusive(fra, til), dim);
  if (days >= dim) return monthlyOere;
  const num = monthlyOere * days;
  return Math.sign(num) * Math.floor((2 * Math.abs(num) + dim) / (2 * dim));
}

export function priceOn(prices: readonly PrisPeriode[], date: string): number | null {
  let best: PrisPeriode | null = null;
  for (const p of prices) {
    if (p.fra <= date && (p.til === null || p.til >= date) && (!best || p.fra > best.fra)) best = p;
  }
  return best?.oere ?? null;
}

/** Tolerance of the amount comparison: 1 krone or 0.5 % (rounding of prorated and index-regulated prices). */
export const AMOUNT_TOLERANCE = { oere: 100, permille: 5 } as const;

/**
 * The smallest absolute difference in øre between the amount and what any of the price lists says a
 * posting for the period should be (null when no price is known). 0 = the amount is exactly the prorated
 * contract price, which is how invoices are made; it tells candidates apart where a tolerance cannot.
 */
export function amountDiffOere(beloebOere: number, periodeFra: string, periodeTil: string, priceLists: readonly (readonly PrisPeriode[])[]): number | null {
  const actual = Math.abs(beloebOere);
  let best: number | null = null;
  for (const list of priceLists) {
    const monthly = priceOn(list, periodeFra);
    if (monthly === null) continue;
    const diff = Math.abs(actual - prorate(monthly, periodeFra, periodeTil));
    if (best === null || diff < best) best = diff;
  }
  return best;
}

/**
 * How far an amount is from what the prices say a posting for this period should be, relative to the
 * expected amount (0 = exact). Credit notes are compared by their absolute value. Null when no price is
 * known for the period.
 */
export function amountDistance(beloebOere: number, periodeFra: string, periodeTil: string, priceLists: readonly (readonly PrisPeriode[])[]): number | null {
  const actual = Math.abs(beloebOere);
  let best: number | null = null;
  for (const list of priceLists) {
    const monthly = priceOn(list, periodeFra);
    if (monthly === null) continue;
    const expected = prorate(monthly, periodeFra, periodeTil);
    const diff = Math.abs(actual - expected);
    const rel = expected === 0 ? (diff === 0 ? 0 : 1) : diff / expected;
    if (best === null || rel < best) best = rel;
    if (diff <= AMOUNT_TOLERANCE.oere) best = 0;
  }
  return best;
}

export function amountMatches(distance: number | null): boolean {
  return distance !== null && distance * 1000 <= AMOUNT_TOLERANCE.permille;
}
