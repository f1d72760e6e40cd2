/** Dates in this project are ISO calendar dates (YYYY-MM-DD) as strings: no time zone can shift them. */
export type IsoDate = string & { readonly __brand: 'IsoDate' };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isoDateError(value: string): string | null {
  const m = ISO_DATE.exec(value);
  if (!m) return 'a date is written YYYY-MM-DD';
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value ? null : 'not a calendar date';
}

export function addDays(date: string, days: number): IsoDate {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10) as IsoDate;
}

export function addMonths(date: string, months: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10) as IsoDate;
}

export function firstOfMonth(date: string): IsoDate {
  return `${date.slice(0, 7)}-01` as IsoDate;
}

export function lastOfMonth(date: string): IsoDate {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10) as IsoDate;
}

/** Whole days from a to b (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** Normalises what a driver returns for a DATE column (string or Date at UTC midnight) to an ISO date. */
export function toIsoDate(value: string | Date | null | undefined): IsoDate | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.slice(0, 10) as IsoDate;
  return value.toISOString().slice(0, 10) as IsoDate;
}
