import { invalidParameter } from './errors';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './pagination';

/** The validated query of `GET /api/v1/tilbud`. A null filter means "not given"; given filters are ANDed. */
export interface TilbudQuery {
  page: number;
  pageSize: number;
  /** Epoch milliseconds; records with `opdateret >= updatedSince` match. */
  updatedSince: number | null;
  pnumre: ReadonlySet<string> | null;
  cvrNumre: ReadonlySet<string> | null;
  /** Keys `${tilbudsid}:${afdelingsid}`. */
  ids: ReadonlySet<string> | null;
}

export const LIST_PARAMETERS = ['page', 'pageSize', 'updatedSince', 'pnummer', 'cvr', 'ids'] as const;

/** A batch look-up list may hold as many keys as one page can return. */
export const MAX_LIST_ENTRIES = MAX_PAGE_SIZE;

type RawQuery = Record<string, string | string[] | undefined>;

/** One value per parameter: `?page=1&page=2` is ambiguous, so it is rejected rather than guessed. */
function single(query: RawQuery, name: string): string | undefined {
  const v = query[name];
  if (Array.isArray(v)) throw invalidParameter(name, 'give it at most once (use a comma-separated list for several values)');
  return v;
}

export function parsePositiveInt(name: string, raw: string, max = Number.MAX_SAFE_INTEGER): number {
  if (!/^\d{1,15}$/.test(raw))
    throw invalidParameter(name, max === Number.MAX_SAFE_INTEGER ? 'must be a positive integer' : `must be an integer from 1 to ${max}`);
  const n = Number(raw);
  if (n < 1 || n > max) throw invalidParameter(name, max === Number.MAX_SAFE_INTEGER ? 'must be a positive integer' : `must be an integer from 1 to ${max}`);
  return n;
}

const ISO_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO 8601 timestamp with an explicit offset (a zone-less time is ambiguous across DST), e.g. 2024-03-01T00:00:00Z. */
export function parseIsoTimestamp(name: string, raw: string): number {
  const m = ISO_TIMESTAMP.exec(raw);
  if (!m) {
    const hint = raw.includes(' ') ? " (a '+' in the offset must be sent percent-encoded as %2B)" : '';
    throw invalidParameter(name, `must be an ISO 8601 timestamp with offset, e.g. 2024-03-01T00:00:00Z${hint}`);
  }
  const [, y, mo, d, h, mi, s] = m;
  const probe = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  const calendarOk = probe.getUTCMonth() === Number(mo) - 1 && probe.getUTCDate() === Number(d);
  if (!calendarOk || Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59) {
    throw invalidParameter(name, 'is not a real date and time');
  }
  return Date.parse(raw);
}

function parseList(name: string, raw: string, entry: RegExp, rule: string): Set<string> {
  const parts = raw.split(',').map((p) => p.trim());
  if (parts.some((p) => !entry.test(p))) throw invalidParameter(name, `must be a comma-separated list of ${rule}`);
  if (parts.length > MAX_LIST_ENTRIES) throw invalidParameter(name, `may hold at most ${MAX_LIST_ENTRIES} entries`);
  return new Set(parts);
}

function parseIds(raw: string): Set<string> {
  const ids = parseList('ids', raw, /^\d{1,15}:\d{1,15}$/, '<tilbudsid>:<afdelingsid> pairs of positive integers');
  // normalise "007:1" to "7:1" so keys compare as numbers
  return new Set(
    [...ids].map((k) =>
      k
        .split(':')
        .map((n) => String(Number(n)))
        .join(':'),
    ),
  );
}

export function parseTilbudQuery(query: RawQuery): TilbudQuery {
  for (const name of Object.keys(query)) {
    if (!(LIST_PARAMETERS as readonly string[]).includes(name)) {
      throw invalidParameter(name, `is not a parameter of this endpoint (known: ${LIST_PARAMETERS.join(', ')})`);
    }
  }
  const page = single(query, 'page');
  const pageSize = single(query, 'pageSize');
  const updatedSince = single(query, 'updatedSince');
  const pnummer = single(query, 'pnummer');
  const cvr = single(query, 'cvr');
  const ids = single(query, 'ids');
  return {
    page: page === undefined ? 1 : parsePositiveInt('page', page),
    pageSize: pageSize === undefined ? DEFAULT_PAGE_SIZE : parsePositiveInt('pageSize', pageSize, MAX_PAGE_SIZE),
    updatedSince: updatedSince === undefined ? null : parseIsoTimestamp('updatedSince', updatedSince),
    pnumre: pnummer === undefined ? null : parseList('pnummer', pnummer, /^\d{10}$/, '10-digit P-numre'),
    cvrNumre: cvr === undefined ? null : parseList('cvr', cvr, /^\d{8}$/, '8-digit CVR numbers'),
    ids: ids === undefined ? null : parseIds(ids),
  };
}
