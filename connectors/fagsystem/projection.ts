/**
 * Column projection for the per-request loaders: a request may name, per table, columns it does not need,
 * and the loaders then read only the rest (pg decodes every value it is sent: `table.*` for a page of 500
 * nested rows was ~3× the values the query used). A left-out column comes back as NULL under its own name,
 * so rows keep their shape and the mapping stays one function per table; keys, foreign keys and money are
 * never left out. Which columns a request can do without is decided by the GraphQL layer
 * (src/graphql/fagsystem-columns.ts) from the selected fields.
 */
export const PROJECTED_COLUMNS = {
  sag: ['sag_id', 'sagsnummer', 'borger_id', 'team_id', 'sagsbehandler_id', 'sag_aabnet', 'henvendelsestype', 'sagsoplysning_start', 'sagsvurdering_start', 'handlekommune', 'betalingskommune', 'status', 'lukket_dato'],
  leverandoer: ['leverandoer_id', 'navn', 'adresse', 'postnummer', 'bynavn', 'pnummer', 'tilbudsid', 'afdelingsid', 'intern', 'afregnes_pr_borger'],
  bestilling: ['bestilling_id', 'indsats_id', 'leverandoer_id', 'bestilt_dato', 'kontraktpris_pr_maaned', 'gyldig_fra', 'gyldig_til', 'egenbetaling'],
  opfoelgning: ['opfoelgning_id', 'indsats_id', 'sagsbehandler_id', 'opfoelgningstype', 'planlagt_dato', 'udfoert_dato', 'status_paa_indsats', 'trivsel', 'magtanvendelser', 'stoettebehov_efter'],
} as const;

export type ProjectedTable = keyof typeof PROJECTED_COLUMNS;
/** Per table, the columns this request does not need (absent: read every column). */
export type ColumnOmissions = Partial<Record<ProjectedTable, readonly string[]>>;

const lists = new Map<string, string>();

/** The select list for `table` without `omit` (left-out columns as NULL), built once per column set. */
export function selectList(table: ProjectedTable, omit: readonly string[] | undefined): string {
  if (!omit?.length) return `${table}.*`;
  const key = `${table}|${omit.join(',')}`;
  let list = lists.get(key);
  if (list === undefined) {
    const left = new Set(omit);
    list = PROJECTED_COLUMNS[table].map((c) => (left.has(c) ? `null as "${c}"` : `"${table}"."${c}"`)).join(', ');
    if (lists.size < 1_000) lists.set(key, list);
  }
  return list;
}
