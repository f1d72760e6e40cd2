import { FAGSYSTEM_COLUMNS } from './columns';

/**
 * Column projection for the per-request loaders: a request may name, per table, columns it does not need,
 * and the loaders then read only the rest (pg decodes every value it is sent: `table.*` for a page of 500
 * nested rows was ~3× the values the query used). A left-out column comes back as NULL under its own name,
 * so rows keep their shape and the mapping stays one function per table; keys, foreign keys and money are
 * never left out. Which columns a request can do without is decided by the GraphQL layer
 * (src/graphql/fagsystem-columns.ts) from the selected fields.
 */
export const PROJECTED_COLUMNS = {
  sag: FAGSYSTEM_COLUMNS.sag,
  leverandoer: FAGSYSTEM_COLUMNS.leverandoer,
  bestilling: FAGSYSTEM_COLUMNS.bestilling,
  opfoelgning: FAGSYSTEM_COLUMNS.opfoelgning,
} as const;

export type ProjectedTable = keyof typeof PROJECTED_COLUMNS;
/** Per table, the columns this request does not need (absent: read every column). */
export type ColumnOmissions = Partial<Record<ProjectedTable, readonly string[]>>;

/**
 * The select list for `table` without `omit` (left-out columns as NULL). Built per call — once per loader
 * batch, a join over at most 13 names — rather than memoised in a module-level cache (no hidden module state).
 */
export function selectList(table: ProjectedTable, omit: readonly string[] | undefined): string {
  if (!omit?.length) return `${table}.*`;
  const left = new Set(omit);
  return PROJECTED_COLUMNS[table].map((c) => (left.has(c) ? `null as "${c}"` : `"${table}"."${c}"`)).join(', ');
}
