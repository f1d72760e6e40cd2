import { pageRequest, type ApiPageRequest } from '../src/pagination/cursor';
import type { GatewayContext } from '../src/context/context';

/**
 * Reads first/after (validated: page cap 500; `after` must be a sealed cursor of this list, ordering and
 * role) and the ordering, with defaults.
 */
export function listArgs<O extends string>(
  args: { first?: number | null; after?: string | null; orderBy?: { field: O; direction?: 'ASC' | 'DESC' | null } | null },
  defaultField: O,
  ctx: GatewayContext,
  list: string,
): { page: ApiPageRequest; order: { field: O; direction: 'ASC' | 'DESC' } } {
  const order = { field: args.orderBy?.field ?? defaultField, direction: args.orderBy?.direction ?? 'ASC' } as const;
  return { page: pageRequest(args, ctx.access.cursors(`${list}|${order.field}|${order.direction}`)), order };
}
