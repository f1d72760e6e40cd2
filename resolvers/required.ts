/**
 * A non-null reference inside the same source that came back empty is a broken invariant of that source
 * (e.g. an indsats whose sag row is missing), not "no data": fail the field loudly rather than invent one.
 */
export function required<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`invariant: referenced ${what} is missing in its source`);
  return value;
}
