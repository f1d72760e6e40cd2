import type DataLoader from 'dataloader';
import type { Tilbud } from '../../src/domain/model';
import { keyedLoader } from '../shared/keyed-loader';
import { chunkKeys } from './chunks';
import { MAX_PAGE_SIZE, type TilbudListQuery, type TilbudsportalenClient } from './client';
import { badResponse } from './errors';
import { afdelingKey, canonicalAfdelingKey, canonicalPnummer, toTilbud } from './mapping';
import type { TilbudWire } from './wire';

/** What the loaders need of the client: one list call (bound to the request's transaction id by the connector). */
export type TilbudLister = Pick<TilbudsportalenClient, 'list'>;

/** Characters of one comma list: 500 P-numre take 5.5 KB, so a full page-sized batch is still one call. */
const MAX_LIST_CHARS = 6000;

/**
 * Every record matching a filter, following `nextPage` (a P-nummer may be shared by several departments,
 * so a 500-key list can match more than one page). Pages are requested one after another: the register
 * numbers pages over its current state, and the loop stops on a page that does not move forward.
 */
export async function* pages(client: TilbudLister, filter: Omit<TilbudListQuery, 'page' | 'pageSize'>): AsyncGenerator<TilbudWire[]> {
  let page: number | null = 1;
  while (page !== null) {
    const answer = await client.list({ ...filter, page, pageSize: MAX_PAGE_SIZE });
    if (answer.nextPage !== null && answer.nextPage <= page) throw badResponse(`nextPage ${answer.nextPage} does not follow page ${page}`);
    yield answer.items;
    page = answer.nextPage;
  }
}

async function fetchAll(client: TilbudLister, filter: Omit<TilbudListQuery, 'page' | 'pageSize'>): Promise<TilbudWire[]> {
  const out: TilbudWire[] = [];
  for await (const items of pages(client, filter)) out.push(...items);
  return out;
}

/**
 * Canonical keys → original keys, dropping keys that cannot exist (they resolve to null without a call;
 * sent along, one bad key would make the register reject the whole list with 400).
 */
function canonicalise(keys: readonly string[], canon: (k: string) => string | null): Map<string, string[]> {
  const byCanonical = new Map<string, string[]>();
  for (const key of keys) {
    const c = canon(key);
    if (c === null) continue;
    const originals = byCanonical.get(c);
    if (originals) originals.push(key);
    else byCanonical.set(c, [key]);
  }
  return byCanonical;
}

/** One batch → one list call per chunk (normally exactly one), results mapped back by key. */
async function batchBy(
  client: TilbudLister,
  keys: readonly string[],
  spec: { canon: (k: string) => string | null; param: 'ids' | 'pnummer'; keyOf: (t: TilbudWire) => string },
): Promise<Map<string, Tilbud>> {
  const byCanonical = canonicalise(keys, spec.canon);
  const chunks = chunkKeys([...byCanonical.keys()], { maxEntries: MAX_PAGE_SIZE, maxChars: MAX_LIST_CHARS });
  const rows = (await Promise.all(chunks.map((chunk) => fetchAll(client, { [spec.param]: chunk })))).flat();
  const found = new Map<string, Tilbud>();
  for (const row of rows) {
    const originals = byCanonical.get(spec.keyOf(row));
    // first in (tilbudsid, afdelingsid) order wins, so a key always gets the same record
    if (!originals || found.has(originals[0]!)) continue;
    const tilbud = toTilbud(row);
    for (const original of originals) found.set(original, tilbud);
  }
  return found;
}

export interface TilbudsportalenLoaders {
  afdeling: DataLoader<string, Tilbud | null>;
  afdelingByPnummer: DataLoader<string, Tilbud | null>;
}

/** Per-request loaders (never shared across requests): a batch of keys becomes one `ids=` / `pnummer=` list call. */
export function createLoaders(client: TilbudLister): TilbudsportalenLoaders {
  return {
    afdeling: keyedLoader<string, Tilbud | null>(
      (keys) => batchBy(client, keys, { canon: canonicalAfdelingKey, param: 'ids', keyOf: (t) => afdelingKey(t.tilbudsid, t.afdelingsid) }),
      () => null,
    ),
    // A P-nummer names one physical site; where Tilbudsportalen lists several departments at the same
    // site, the one first in (tilbudsid, afdelingsid) order is the answer.
    afdelingByPnummer: keyedLoader<string, Tilbud | null>(
      (keys) => batchBy(client, keys, { canon: canonicalPnummer, param: 'pnummer', keyOf: (t) => t.pnummer }),
      () => null,
    ),
  };
}
