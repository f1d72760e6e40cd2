/**
 * Calendar arithmetic on whole days and months as integers, so generating 1.5 million postings does not
 * allocate a Date per value. A "day" is days since 1970-01-01 (UTC); a "month" is year × 12 + (month − 1).
 * Values leave the generator as ISO strings (YYYY-MM-DD), the project's date format.
 */
const MS_PER_DAY = 86_400_000;
const isoCache = new Map<number, string>();

export function dayOf(iso: string): number {
  return Math.round(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / MS_PER_DAY);
}

export function isoOf(day: number): string {
  let s = isoCache.get(day);
  if (s === undefined) {
    s = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    isoCache.set(day, s);
  }
  return s;
}

export function monthOfDay(day: number): number {
  const iso = isoOf(day);
  return Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1;
}

export function yearOfDay(day: number): number {
  return Number(isoOf(day).slice(0, 4));
}

const monthStartCache = new Map<number, number>();

export function monthStart(month: number): number {
  let d = monthStartCache.get(month);
  if (d === undefined) {
    d = Math.round(Date.UTC(Math.floor(month / 12), month % 12, 1) / MS_PER_DAY);
    monthStartCache.set(month, d);
  }
  return d;
}

export function monthEnd(month: number): number {
  return monthStart(month + 1) - 1;
}

export function daysInMonth(month: number): number {
  return monthStart(month + 1) - monthStart(month);
}

/** "2024-03" */
export function monthLabel(month: number): string {
  return `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;
}

export function yearStart(year: number): number {
  return monthStart(year * 12);
}

export function yearEnd(year: number): number {
  return monthStart(year * 12 + 12) - 1;
}

/** The same calendar date n years later (29 February → 28 February). */
export function addYears(day: number, years: number): number {
  const iso = isoOf(day);
  const y = Number(iso.slice(0, 4)) + years;
  const m = Number(iso.slice(5, 7)) - 1;
  const d = Math.min(Number(iso.slice(8, 10)), daysInMonth(y * 12 + m));
  return Math.round(Date.UTC(y, m, d) / MS_PER_DAY);
}

export const DANISH_MONTHS = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'] as const;
