import { pageRequest, type PageRequest } from '../src/pagination/cursor';

/** Reads first/after (validated: page cap 500, cursor shape) and the ordering, with defaults. */
export function listArgs<O extends string>(args: { first?: number | null; after?: string | null; orderBy?: { field: O; direction?: 'ASC' | 'DESC' | null } | null }, defaultField: O): { page: PageRequest; order: { field: O; direction: 'ASC' | 'DESC' } } {
  return {
    page: pageRequest(args),
    order: { field: args.orderBy?.field ?? defaultField, direction: args.orderBy?.direction ?? 'ASC' },
  };
}
