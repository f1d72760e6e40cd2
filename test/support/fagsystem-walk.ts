import { decodeCursor, encodeCursor, type Keyset, type PageRequest } from '../../src/pagination/cursor';
import type { ListResult } from '../../connectors/shared/list-result';

/**
 * Walks a keyset-paginated list to its end the way a client does (cursor encoded and decoded between
 * pages) and checks the page contract on the way: full pages while hasNextPage, at most `first` on the last.
 */
export async function walkAll<T>(list: (page: PageRequest) => Promise<ListResult<T>>, first: number): Promise<{ rows: T[]; pages: number }> {
  const rows: T[] = [];
  let after: Keyset | undefined;
  for (let pages = 1; pages < 100_000; pages++) {
    const r = await list({ first, after });
    rows.push(...r.rows);
    if (!r.hasNextPage) {
      if (r.rows.length > first) throw new Error(`last page has ${r.rows.length} rows, more than first=${first}`);
      return { rows, pages };
    }
    if (r.rows.length !== first) throw new Error(`page ${pages} has ${r.rows.length} rows but hasNextPage is true`);
    after = decodeCursor(encodeCursor(r.keyOf(r.rows[r.rows.length - 1]!)));
  }
  throw new Error('pagination did not end');
}
