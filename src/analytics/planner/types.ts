import type { AccessScope } from '../../access/scope';
import type { Dimension, Emne, Felt, FilterNavn, Funktion } from '../catalogue';

/** One measure of a question: a function over a field (ANTAL without a field counts the subject's rows). */
export interface Maal {
  funktion: Funktion;
  felt?: Felt | null;
}

export interface AnalyseFilterSpec extends Partial<Record<FilterNavn, ReadonlyArray<string | number>>> {
  periodeFra?: string;
  periodeTil?: string;
  /** reference day of "state at" dimensions (målgruppe, støttebehov, alder, kontraktpris); default periodeTil, else today */
  referencedato?: string;
}

export interface AnalyseSpec {
  emne: Emne;
  maal: readonly Maal[];
  grupperPaa: readonly Dimension[];
  filter: AnalyseFilterSpec;
  /** sort groups by this measure (index into maal) */
  sorterEfter?: { maal: number; retning: 'ASC' | 'DESC' } | null;
  /** at most this many groups (top-N) */
  foerste?: number | null;
}

export interface PlanContext {
  idag: string;
  scope: AccessScope;
  /** team ids of the caller's organisation units, for subjects outside the fagsystem (no team table there) */
  enhedTeams?: readonly number[];
  /** compute distinct citizens per group (needed for small-cell suppression) */
  taelBorgere: boolean;
  dialect: 'postgres' | 'mssql';
}

/** What the planner hands the executor: one statement, and how to read its columns. */
export interface Plan {
  sql: string;
  bindings: unknown[];
  dimensioner: readonly Dimension[];
  maal: readonly Maal[];
  /** the row limit asked of the database (groups + the total row) */
  graense: number;
}

/** A result row as the database returns it (every value a string, or null). */
export interface PlanRow {
  [column: string]: unknown;
}
