import type DataLoader from 'dataloader';
import type { PrecedencePolicy } from '../../domain/provenance-policy';
import type { AfvigelseAntal, AfvigelseListe, AfvigelseQuery } from '../rules/afvigelser/types';
import type { Prissammenligning, PrissammenligningQuery, IndsatsPrisoversigt } from '../rules/comparison/types';
import type { BeslutningInput, BeslutningResultat, BeslutningRecord, BeslutningState, BeslutningStatus } from '../rules/decisions/types';
import type { LeverandoerKreditorLink } from '../rules/identity/types';
import type { PosteringMatch, PosteringMatchState } from '../rules/types';

export interface Freshness {
  /** when the last reconciliation run finished (ISO), null if never */
  senestKoert: string | null;
  /** postings registered up to this timestamp are included */
  posteringerTil: string | null;
  /** a run is going on right now (on any replica) */
  koerer: boolean;
}

/** Per-request reads of the reconciled store (derived data, written by src/reconcile/job). */
export interface ReconciledRequest {
  matchesByIndsats: DataLoader<number, PosteringMatch[]>;
  /** the stored match state of one posting (null when no run has seen it yet) */
  matchByPostering: DataLoader<number, PosteringMatchState | null>;
  prisoversigtByIndsats: DataLoader<number, IndsatsPrisoversigt | null>;
  kreditorerByLeverandoer: DataLoader<number, LeverandoerKreditorLink[]>;
  freshness(): Promise<Freshness>;
  koersler(limit: number): Promise<KoerselInfo[]>;
  afvigelser(q: AfvigelseQuery): Promise<AfvigelseListe>;
  afvigelseAntal(q: Omit<AfvigelseQuery, 'page'>): Promise<AfvigelseAntal[]>;
  prissammenligning(q: PrissammenligningQuery): Promise<Prissammenligning>;
  beslutningerByPostering: DataLoader<number, BeslutningRecord[]>;
  beslutningTilstande(opts: { status?: BeslutningStatus[]; first: number }): Promise<BeslutningState[]>;
  registrerBeslutning(input: BeslutningInput): Promise<BeslutningResultat>;
  /** which source wins per attribute (the configured policy; the same for every request of this process) */
  policy: PrecedencePolicy;
  /** starts a run on this replica (null when no job runner is configured in this process) */
  trigger: ReconcileTrigger | null;
}

/** How a reconciliation run was asked for, and what it did (one row of `afstemning_koersel`). */
export type Koerselstype = 'FULD' | 'INKREMENTEL';
export type Udloeser = 'START' | 'PLAN' | 'MANUEL';

export interface KoerselInfo {
  koerselId: number;
  type: Koerselstype;
  udloeser: Udloeser;
  startet: string;
  afsluttet: string | null;
  status: 'KOERER' | 'OK' | 'FEJL';
  posteringerTil: string | null;
  antalPosteringer: number;
  antalIndsatser: number;
  antalMatchet: number;
  antalForsvundne: number;
  varighedMs: number | null;
  fejl: string | null;
  /** a queued run (queue/): partitions done and in all; null for a run done in one process */
  partitionerFaerdige: number | null;
  partitionerIAlt: number | null;
}

/**
 * On-demand runs (the `koerAfstemning` mutation): resolves once the run has taken the lock (or found it
 * taken), then the run goes on in the background. `startet: false` names why nothing was started.
 */
export interface ReconcileTrigger {
  start(opts: { type: Koerselstype }): Promise<{ startet: boolean; grund: string | null }>;
}
