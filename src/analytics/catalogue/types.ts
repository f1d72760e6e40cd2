/**
 * The vocabulary of aggregate questions (the VUM 2.0 / FFB dimensions of seed 000 and 003): a subject (emne,
 * the fact table), measures (funktion × felt), grouping dimensions and filters. The catalogue says, per
 * subject, which database owns it and the SQL expression of every dimension and field; the planner
 * (src/analytics/planner) only assembles those expressions, so no identifier ever comes from a caller.
 */
export const EMNER = ['INDSATS', 'SAG', 'OPFOELGNING', 'INDSATSMAAL', 'FUNKTIONSEVNEVURDERING', 'OVERLAPPENDE_YDELSER', 'POSTERING', 'INDSATSMAANED'] as const;
export type Emne = (typeof EMNER)[number];

export const DIMENSIONER = [
  'PARAGRAF',
  'TILBUDSTYPE',
  'YDELSE',
  'LEVERANDOER',
  'STATUS',
  'KONTO',
  'ARTSKONTO',
  'KREDITOR',
  'HANDLEKOMMUNE',
  'BETALINGSKOMMUNE',
  'TEAM',
  'SAGSBEHANDLER',
  'MAALGRUPPE',
  'STOETTEBEHOV',
  'ALDERSGRUPPE',
  'HENVENDELSESTYPE',
  'OPFOELGNINGSTYPE',
  'RETTIDIGHED',
  'TEMA',
  'MAALTYPE',
  'FUNKTIONSEVNENIVEAU',
  'KOMBINATION',
  'MAANED',
  'KVARTAL',
  'AAR',
] as const;
export type Dimension = (typeof DIMENSIONER)[number];
export const TIDSDIMENSIONER: ReadonlySet<Dimension> = new Set(['MAANED', 'KVARTAL', 'AAR']);

export const FELTER = [
  'BORGER',
  'SAG',
  'INDSATS',
  'OPFOELGNING',
  'INDSATSMAAL',
  'POSTERING',
  'VURDERING',
  'FORVENTET_PRIS_PR_MAANED',
  'KONTRAKTPRIS_PR_MAANED',
  'VARIGHED_DAGE',
  'DAGE_FOR_SENT',
  'MAGTANVENDELSER',
  'TRIVSEL',
  'NIVEAU',
  'DAGE_TIL_SAGSOPLYSNING',
  'DAGE_TIL_SAGSVURDERING',
  'DAGE_TIL_AFGOERELSE',
  'OVERLAP_DAGE',
  'BELOEB',
  'FORVENTET',
  'KONTRAKT',
  'KONTRAKT_FAGSYSTEM',
  'KONTRAKT_OEKONOMI',
  'TAKST',
  'FAKTISK',
  'UAFKLARET',
] as const;
export type Felt = (typeof FELTER)[number];

export const FUNKTIONER = ['ANTAL', 'ANTAL_DISTINKTE', 'SUM', 'GNS', 'MIN', 'MAX', 'MEDIAN'] as const;
export type Funktion = (typeof FUNKTIONER)[number];

/** Which database owns a subject: the planner runs the statement there (pushed down, never in JavaScript). */
export type Ejer = 'fagsystem' | 'oekonomi' | 'store';

/** How a field's values are shown: ids are only counted; money is DKK with two decimals. */
export type Feltart = 'id' | 'penge' | 'oere' | 'tal' | 'dage';

export interface FeltDef {
  expr: string;
  art: Feltart;
  /** named joins the expression needs */
  joins?: readonly string[];
}

export interface DimDef {
  expr: string;
  joins?: readonly string[];
  beskrivelse: string;
}

/**
 * Time: `dato` places a row in the month of one date column; `aktiv` places it in every month it was
 * active (from start to end, actual dates where known), which is what "borgere med § 85 i 2025" means.
 */
export type Tidsgrundlag =
  | {
      art: 'dato';
      kolonne: string;
      /** the column holds the first day of its month (a date): grouped by month as it is, no truncation per row */
      maanedsstart?: boolean;
    }
  | { art: 'aktiv'; start: string; slut: string };

export interface Emnedef {
  ejer: Ejer;
  beskrivelse: string;
  /** FROM clause with the subject's own alias(es) */
  fra: string;
  /** counted by ANTAL (distinct, so fan-out joins never double count) */
  noegle: string;
  /** the citizen of a row: distinct citizens per group decide small-cell suppression */
  borger: string | null;
  /** a sag's team_id column for the caller's row scope; null = not scoped by team (economy) */
  team: string | null;
  tid: Tidsgrundlag;
  dimensioner: Partial<Record<Dimension, DimDef>>;
  felter: Partial<Record<Felt, FeltDef>>;
  /** named joins: SQL with `:ref` (reference date) placeholders */
  joins: Record<string, string>;
  /** filters this subject accepts, with their SQL (`?` binds the list / value) */
  filtre: Partial<Record<FilterNavn, FilterDef>>;
}

export type FilterNavn =
  | 'paragraffer'
  | 'tilbudstyper'
  | 'status'
  | 'leverandoerer'
  | 'teams'
  | 'sagsbehandlere'
  | 'handlekommuner'
  | 'maalgrupper'
  | 'konti'
  | 'arter'
  | 'temaer'
  | 'opfoelgningstyper';

export interface FilterDef {
  /** SQL with one `?` for a list of values (bound as an array: `= any(?)`) */
  sql: string;
  joins?: readonly string[];
}
