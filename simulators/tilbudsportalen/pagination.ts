/** Page-number pagination as the list endpoint returns it; `nextPage` is null on the last page. */
export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
  nextPage: number | null;
}

export const DEFAULT_PAGE_SIZE = 100;
/** The cap is the same as KOMBIT's GraphQL services use (500), so one page fits one DataLoader batch. */
export const MAX_PAGE_SIZE = 500;

/** Slices an already filtered and ordered list. A page past the end is empty, not an error. */
export function paginate<T>(all: readonly T[], page: number, pageSize: number): Page<T> {
  const start = (page - 1) * pageSize;
  const items = all.slice(start, start + pageSize);
  const nextPage = start + pageSize < all.length ? page + 1 : null;
  return { items, page, pageSize, total: all.length, nextPage };
}
