import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto';

/**
 * Relay cursor connections (KOMBIT's org-graphql caps pages at 500; so do we). A cursor holds the keyset of
 * the last row: the ordering column's value and the row id, so the next page is a pushed-down
 * `WHERE (col, id) > (v, id)` — stable under inserts, no OFFSET scans.
 *
 * What clients get is SEALED (issue 8 point 1): AES-256-GCM under a server key, with the binding (role, list,
 * ordering) as associated data. A cursor reveals nothing (an ordering value such as a surname is not
 * readable in it), cannot be forged or edited (the tag fails), and is refused for another list, ordering or
 * role. The IV is derived from the content (SIV-style), so one row always gets the same cursor.
 */
export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 500;

export interface Keyset {
  /** value of the ordering column of the last row (null sorts last) */
  v: string | number | null;
  /** id of the last row: the tie-breaker */
  id: number;
}

/** What a connector needs for one page. */
export interface PageRequest {
  first: number;
  after: Keyset | undefined;
}

/** A page request from the API: also seals the keysets of the page's rows (bound like `after` was checked). */
export interface ApiPageRequest extends PageRequest {
  cursor: CursorCodec;
}

export interface CursorCodec {
  encode(k: Keyset): string;
  decode(cursor: string, argument?: string): Keyset;
}

const notOurs = (argument: string) => new CursorError(argument, `"${argument}" is not a cursor returned by this API for this list, ordering and role`);

/** A codec whose cursors are valid only under `binding` (e.g. "sagsbehandler|borgere|EFTERNAVN|ASC"). */
export function sealedCursors(key: Buffer, binding: string): CursorCodec {
  const encKey = createHmac('sha256', key).update('cursor-encryption').digest();
  const ivKey = createHmac('sha256', key).update('cursor-iv').digest();
  const aad = Buffer.from(binding, 'utf8');
  return {
    encode(k) {
      const plain = Buffer.from(JSON.stringify([k.v, k.id]), 'utf8');
      const iv = createHmac('sha256', ivKey).update(aad).update('\0').update(plain).digest().subarray(0, 12);
      const c = createCipheriv('aes-256-gcm', encKey, iv);
      c.setAAD(aad);
      const body = Buffer.concat([c.update(plain), c.final()]);
      return Buffer.concat([iv, body, c.getAuthTag()]).toString('base64url');
    },
    decode(cursor, argument = 'after') {
      const raw = Buffer.from(cursor, 'base64url');
      if (raw.length < 12 + 16 + 1 || raw.length > 2048 || raw.toString('base64url') !== cursor) throw notOurs(argument);
      let plain: string;
      try {
        const d = createDecipheriv('aes-256-gcm', encKey, raw.subarray(0, 12));
        d.setAAD(aad);
        d.setAuthTag(raw.subarray(raw.length - 16));
        plain = Buffer.concat([d.update(raw.subarray(12, raw.length - 16)), d.final()]).toString('utf8');
      } catch {
        throw notOurs(argument);
      }
      return decodeCursor(Buffer.from(plain, 'utf8').toString('base64url'), argument);
    },
  };
}

export class CursorError extends Error {
  constructor(
    readonly argument: string,
    message: string,
  ) {
    super(message);
    this.name = 'CursorError';
  }
}

/** The plain (unsealed) keyset encoding; only ever sent to clients sealed (sealedCursors). */
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
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 2 ||
    !Number.isSafeInteger(parsed[1]) ||
    !['string', 'number', 'object'].includes(typeof parsed[0]) ||
    (typeof parsed[0] === 'object' && parsed[0] !== null)
  ) {
    throw new CursorError(argument, `"${argument}" is not a cursor returned by this API`);
  }
  return { v: parsed[0] as Keyset['v'], id: parsed[1] as number };
}

/** Validates `first` and opens `after` (sealed under the same binding) into what a connector needs. */
export function pageRequest(args: { first?: number | null; after?: string | null }, cursor: CursorCodec): ApiPageRequest {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0) throw new CursorError('first', '"first" must be a whole number ≥ 0');
  if (first > MAX_PAGE_SIZE) throw new CursorError('first', `"first" may be at most ${MAX_PAGE_SIZE} (asked for ${first})`);
  return { first, after: args.after ? cursor.decode(args.after) : undefined, cursor };
}

/** What a connector returns for one page: it fetches first + 1 rows to know whether there is a next page. */
export interface Page<T> {
  rows: T[];
  hasNextPage: boolean;
}
