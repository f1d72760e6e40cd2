import type { Afvigelsesart, Omfang } from './kinds';

/** One afvigelse (English: discrepancy) as a run writes it (no CPR, no name, no address: ids, amounts, dates and source names only). */
export interface NyAfvigelse {
  noegle: string;
  art: Afvigelsesart;
  omfang: Omfang;
  posteringId?: number | null;
  relateretPosteringId?: number | null;
  indsatsId?: number | null;
  borgerId?: number | null;
  leverandoerId?: number | null;
  kreditorNr?: string | null;
  maaned?: string | null;
  beloebOere?: number | null;
  felt?: string | null;
  detaljer?: Record<string, unknown> | null;
}

/** A stored afvigelse as the API reads it. */
export interface Afvigelse extends NyAfvigelse {
  afvigelseId: number;
  bilagsnr: string | null;
  fundet: string;
}

export interface AfvigelseFilter {
  /** the caller's teams (row rule; src/reconcile/row-scope): set by the reconciled reads, never by a client */
  scopeTeamIds?: readonly number[];
  arter?: Afvigelsesart[];
  indsatsIds?: number[];
  borgerIds?: number[];
  leverandoerIds?: number[];
  posteringIds?: number[];
  kreditorNr?: string[];
  /** afvigelser whose month (service period / price month) lies in [fra, til] */
  maanedFra?: string;
  maanedTil?: string;
}

export interface AfvigelseQuery {
  filter: AfvigelseFilter;
  /** keyset: afvigelser after this afvigelse_id, in id order */
  page: { first: number; afterId: number | null };
}

export interface AfvigelseListe {
  rows: Afvigelse[];
  hasNextPage: boolean;
}

export interface AfvigelseAntal {
  art: Afvigelsesart;
  antal: number;
}
