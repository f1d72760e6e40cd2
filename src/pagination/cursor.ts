/**
 * Relay cursor connections (KOMBIT's org-graphql caps pages at 500; so do we). A cursor is an opaque
 * base64url token holding the keyset of the last row: the ordering column's value and the row id, so the
 * next page is a pushed-down `WHERE (col, id) > (v, id)` — stable under inserts, no OFFSET scans.
 */
export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 500;

export interface Keyset {
  /** value of the ordering column of the last row (null sorts last) */
  v: string | number | null;
  /** id of the last row: the tie-breaker */
  id: number;
}

export interface PageRequest {
  first: number;
  after: Keyset | undefined;
}

export class CursorError extends Error {
  constructor(readonly argument: string, message: string) {
    super(message);
    this.name = 'CursorError';
  }
}

export function encodeCursor(k: Keyset): string {
  return Buffer.from(JSON.stringify([k.v, k.id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, argument = 'after'): Keyset {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new CursorError(argument, `"${argument}" is not a cursor returned by this API`);
  }
  if (!Array.isArray(parsed) || parsed.length !== 2 || !Number.isSafeInteger(parsed[1]) || !['string', 'number', 'object'].includes(typeof parsed[0]) || (typeof parsed[0] === 'object' && parsed[0] !== null)) {
    throw new CursorError(argument, `"${argument}" is not a cursor returned by this API`);
  }
  return { v: parsed[0] as Keyset['v'], id: parsed[1] as number };
}

/** Validates `first` and decodes `after` into what a connector needs. */
export function pageRequest(args: { first?: number | null; after?: string | null }): PageRequest {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0) throw new CursorError('first', '"first" must be a whole number ≥ 0');
  if (first > MAX_PAGE_SIZE) throw new CursorError('first', `"first" may be at most ${MAX_PAGE_SIZE} (asked for ${first})`);
  return { first, after: args.after ? decodeCursor(args.after) : undefined };
}

/** What a connector returns for one page: it fetches first + 1 rows to know whether there is a next page. */
export interface Page<T> {
  rows: T[];
  hasNextPage: boolean;
}
