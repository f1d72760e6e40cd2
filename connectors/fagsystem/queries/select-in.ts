import type { Knex } from 'knex';
import type { Executor } from '../client';
import { distinct, whereInList } from '../sql';

/**
 * The one statement behind every loader batch: `select <table>.* (or the projected columns) from <table> where <column> in (<keys>)`
 * plus whatever the scope adds (a subquery in the same statement), in a stable order for one-to-many lists.
 */
export async function selectIn<R>(
  x: Executor,
  opts: {
    table: string;
    column: string;
    keys: readonly (string | number)[];
    restrict?: (qb: Knex.QueryBuilder) => void;
    orderBy?: readonly string[];
    /** the select list (projection.ts); default every column */
    select?: string;
  },
): Promise<R[]> {
  const qb = x.db(opts.table).select(opts.select ? x.db.raw(opts.select) : `${opts.table}.*`);
  whereInList(qb, `${opts.table}.${opts.column}`, distinct(opts.keys));
  opts.restrict?.(qb);
  for (const col of opts.orderBy ?? []) qb.orderBy(`${opts.table}.${col}`, 'asc');
  return x.run<R[]>(qb);
}
