import type { Knex } from 'knex';
import { chunked } from '../chunked';

/**
 * Bulk writes as `INSERT … SELECT * FROM unnest($1::type[], $2::type[], …)`: one bound array per column
 * instead of one parameter per value, so a batch of thousands of rows is one short statement to parse
 * and bind (a multi-row VALUES list of 20,000 parameters costs more to plan than to execute).
 */
export interface Column {
  name: string;
  /** PostgreSQL element type of the array, e.g. 'bigint', 'text', 'date', 'boolean', 'numeric' */
  type: string;
}

export async function insertUnnest(
  db: Knex,
  table: string,
  columns: readonly Column[],
  rows: ReadonlyArray<Record<string, unknown>>,
  onConflict = '',
): Promise<void> {
  if (!rows.length) return;
  for (const chunk of chunked(rows, 10_000)) {
    const arrays = columns.map((c) => chunk.map((r) => normalise(r[c.name])));
    const names = columns.map((c) => `"${c.name}"`).join(', ');
    const unnest = columns.map((c) => `?::${c.type}[]`).join(', ');
    await db.raw(`insert into "${table}" (${names}) select * from unnest(${unnest}) ${onConflict}`, arrays as Knex.RawBinding[]);
  }
}

function normalise(v: unknown): unknown {
  if (v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  return v;
}
