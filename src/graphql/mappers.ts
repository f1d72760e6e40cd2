import type { Borger, Indsats, Leverandoer, Opfoelgning, Postering, Sag } from '../domain/model';

/** What a connection field resolves to before GraphQL picks fields: one page, and a count only if asked. */
export interface ConnectionParent<T> {
  rows: T[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  cursorOf(row: T): string;
  /** runs the count query only when `totalCount` is selected */
  totalCount(): Promise<number>;
}

export interface EdgeParent<T> {
  node: T;
  cursor: string;
}

/** A posting together with the rule that matched it to the indsats being resolved. */
export interface BetalingParent {
  postering: Postering;
  matchregel: string;
}

/** VUM 2.0 ID 49–52 in øre (computed by src/reconcile/rules/prices/expected-price). */
export interface ForventetPrisParent {
  basisindsatspris: number;
  prMaaned: number;
  samletIndsats: number | null;
}

export interface FaktiskPrisParent {
  iAlt: number;
  indevaerendeAar: number;
  prMaaned: Array<{ maaned: string; beloeb: number }>;
  antalPosteringer: number;
}

/** Named per type because codegen's mapper strings cannot carry generics over domain types. */
export type SagConnectionParent = ConnectionParent<Sag>;
export type SagEdgeParent = EdgeParent<Sag>;
export type IndsatsConnectionParent = ConnectionParent<Indsats>;
export type IndsatsEdgeParent = EdgeParent<Indsats>;
export type BorgerConnectionParent = ConnectionParent<Borger>;
export type BorgerEdgeParent = EdgeParent<Borger>;
export type OpfoelgningConnectionParent = ConnectionParent<Opfoelgning>;
export type OpfoelgningEdgeParent = EdgeParent<Opfoelgning>;
export type LeverandoerConnectionParent = ConnectionParent<Leverandoer>;
export type LeverandoerEdgeParent = EdgeParent<Leverandoer>;
