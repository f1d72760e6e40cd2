import type { PosteringMatchState } from '../types';

/**
 * A manual decision by economy staff on a payment match (issue: "Manual decisions"): confirm the match a
 * posting has, reject it, or assign the posting to an indsats. Decisions win over the automatic rules.
 */
export type Handling = 'BEKRAEFT' | 'AFVIS' | 'TILDEL';
export type BeslutningStatus = 'AKTIV' | 'POSTERING_FORSVUNDET' | 'INDSATS_FORSVUNDET';

export interface BeslutningInput {
  posteringId: number;
  /** the posting's bilagsnr as the economy system has it (the caller checked the posting exists) */
  bilagsnr: string;
  handling: Handling;
  /** TILDEL: required. BEKRAEFT/AFVIS: defaults to the posting's current match. */
  indsatsId: number | null;
  begrundelse: string;
  /** who decided (the authenticated principal's user id, else 'ukendt') */
  aktoer: string;
  tidspunkt: Date;
}

export interface BeslutningRecord {
  beslutningId: number;
  posteringId: number;
  bilagsnr: string;
  handling: Handling;
  indsatsId: number | null;
  tidligereIndsatsId: number | null;
  tidligereRegel: string | null;
  begrundelse: string;
  aktoer: string;
  tidspunkt: string;
}

export interface BeslutningState {
  posteringId: number;
  bilagsnr: string;
  tildeltIndsatsId: number | null;
  afvisteIndsatser: number[];
  status: BeslutningStatus;
  statusTidspunkt: string;
  senesteBeslutningId: number;
}

export interface BeslutningResultat {
  beslutning: BeslutningRecord;
  tilstand: BeslutningState;
  match: PosteringMatchState | null;
}

/** A decision that cannot be made as asked; `argument` names the input to fix. Nothing was written. */
export class DecisionError extends Error {
  constructor(
    readonly argument: string,
    message: string,
  ) {
    super(message);
    this.name = 'DecisionError';
  }
}

export const BEGRUNDELSE_MAX = 1000;
