import type { Knex } from 'knex';

/** Small SQL helpers shared by the query files; the same SQL runs on PostgreSQL and PGlite. */

/**
 * `col IN (…)` where an empty list means "nothing" (as in AccessScope and the list filters) — written as
 * an explicit FALSE rather than relying on how a query builder renders an empty IN.
 */
export function whereInList<T extends string | number>(qb: Knex.QueryBuilder, column: string, values: readonly T[]): Knex.QueryBuilder {
  return values.length ? qb.whereIn(column, [...new Set(values)]) : qb.whereRaw('false');
}

/** Distinct keys of one loader batch (DataLoader already de-duplicates with its cache; this is belt and braces). */
export function distinct<K>(keys: readonly K[]): K[] {
  return [...new Set(keys)];
}

/** LIKE pattern for "starts with `prefix`" with the LIKE metacharacters (\ % _) in the prefix escaped. */
export function likePrefix(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
