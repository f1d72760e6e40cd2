import type { Matchregel, Umatchetaarsag } from '../types';

/**
 * What the matching rules see of an economy posting. `cpr` is the posting's CPR field; a CPR only in the
 * free text is found by the citizen resolver (src/reconcile/rules/identity/citizens.ts). Amounts are øre.
 */
export interface MatchPosting {
  id: number;
  bilagsnr: string;
  konto: string;
  kreditorNr: string | null;
  beloebOere: number;
  periodeFra: string;
  periodeTil: string;
  cpr: string | null;
  tekst: string;
  integrationsId: string | null;
  registreret: string;
}

/** A monthly price valid over a period (a bestilling or an economy contract), øre per month. */
export interface PrisPeriode {
  fra: string;
  /** inclusive; null = open */
  til: string | null;
  oere: number;
}

/** What the matching rules see of an indsats (built once per run from the fagsystem and the economy). */
export interface MatchIndsats {
  indsatsId: number;
  borgerId: number;
  leverandoerId: number;
  paragraf: string;
  konto: string;
  start: string;
  /** inclusive; null = open-ended (VUM 2.0 ID 41) */
  slut: string | null;
  integrationsId: string | null;
  /** the fagsystem's bestilling prices (VUM 2.0 ID 68) */
  bestillingspriser: readonly PrisPeriode[];
  /** the economy's contract register entries linked to this indsats */
  kontraktpriser: readonly PrisPeriode[];
  /** economy creditors that are this indsats' provider (identity graph + the linked contracts' creditors) */
  kreditorer: ReadonlySet<string>;
}

export type CprKilde = 'FELT' | 'TEKST' | 'INGEN';

/** The outcome for one posting: a match with its rule and confidence, or an explicit non-match. */
export type MatchOutcome =
  | { indsatsId: number; regel: Matchregel; confidence: number; kandidater: number; kreditorErLeverandoer: boolean }
  | {
      indsatsId: null;
      regel: Umatchetaarsag;
      confidence: number;
      kandidater: number;
      kreditorErLeverandoer: null;
      /** TVETYDIG: the indsatser that fit equally (ids, ascending) */ kandidatIds?: number[];
    };
