import type { Kildesystem } from '../../domain/provenance-policy';
import type { AfvigelseAntal, Afvigelse, AfvigelseFilter } from '../rules/afvigelser/types';
import type { Prisbeloeb, Prisgruppe } from '../rules/comparison/types';
import type { CursorCodec } from '../../pagination/cursor';
import type { Freshness } from './types';

/**
 * What the API's reconciliation fields resolve to before GraphQL picks fields (codegen mappers). Counts,
 * facets and freshness are promises started only when a query selects them.
 */
export interface AfvigelseConnectionParent {
  rows: Afvigelse[];
  hasNextPage: boolean;
  hadCursor: boolean;
  /** seals this page's cursors (bound to the list and the caller's role) */
  cursor: CursorCodec;
  filter: AfvigelseFilter;
  totalCount(): Promise<number>;
  antalPrArt(): Promise<AfvigelseAntal[]>;
  friskhed(): Promise<Freshness>;
}

export interface AfvigelseEdgeParent {
  node: Afvigelse;
  cursor: string;
}

/** One line of prices: a group, an indsats' own line, or the total. */
export interface PrislinjeParent {
  beloeb: Prisbeloeb;
  gruppe: Prisgruppe | null;
  glidningProcent: number;
  /** the source of the kontraktpris the line compares with (the policy's first for indsats.kontraktpris) */
  kontraktKilde: Kildesystem;
  /** when the sums did not count distinct indsatser, how to count them (only if selected) */
  antalIndsatser?: () => Promise<number>;
}

export interface PrissammenligningParent {
  lines: PrislinjeParent[];
  hasNextPage: boolean;
  offset: number;
  cursor: CursorCodec;
  glidningProcent: number;
  totalCount(): Promise<number>;
  iAlt(): Promise<PrislinjeParent>;
  friskhed(): Promise<Freshness>;
}

export type AfstemningsstatusParent = Record<string, never>;
