import type { ApiPageRequest } from '../pagination/cursor';
import type { ListResult } from '../../connectors/shared/list-result';
import type { ConnectionParent } from './mappers';

/** Builds a Relay connection parent from one page; the count query runs only if `totalCount` is selected. */
export function toConnection<T>(result: ListResult<T>, page: ApiPageRequest, count: () => Promise<number>): ConnectionParent<T> {
  let counted: Promise<number> | undefined;
  return {
    rows: result.rows,
    hasNextPage: result.hasNextPage,
    hasPreviousPage: !!page.after,
    cursorOf: (row) => page.cursor.encode(result.keyOf(row)),
    totalCount: () => (counted ??= count()),
  };
}

/** Field resolvers shared by every XxxConnection / XxxEdge type. */
export const connectionFields = {
  edges: <T>(c: ConnectionParent<T>) => c.rows.map((node) => ({ node, cursor: c.cursorOf(node) })),
  nodes: <T>(c: ConnectionParent<T>) => c.rows,
  pageInfo: <T>(c: ConnectionParent<T>) => ({
    hasNextPage: c.hasNextPage,
    hasPreviousPage: c.hasPreviousPage,
    startCursor: c.rows.length ? c.cursorOf(c.rows[0]!) : null,
    endCursor: c.rows.length ? c.cursorOf(c.rows[c.rows.length - 1]!) : null,
  }),
  totalCount: <T>(c: ConnectionParent<T>) => c.totalCount(),
};
