import type { Knex } from 'knex';
import type { Connectors } from '../../context/connectors';
import type { PrecedencePolicy } from '../../domain/provenance-policy';
import type { BeslutningState } from '../rules/decisions/types';
import type { RunFence } from './fence';
import type { PreviousRun, RunFigures } from './run-log';
import type { StoredIndsatser } from './run-store';
import type { RunWorld } from './world';

/** What the phases of one run share: its settings, its fence, the sources in memory and what each phase found. */
export interface RunState {
  db: Knex;
  connectors: Connectors;
  fence: RunFence;
  koerselId: number;
  full: boolean;
  now: Date;
  today: string;
  prev: PreviousRun | undefined;
  settings: {
    batchSize: number;
    glidningProcent: number;
    cvrKontrolDage: number;
    borgerKontrolDage: number;
    policy: PrecedencePolicy;
    faktureringsforsinkelseDage: number;
  };
  world: RunWorld;
  /** the world is the one held from the previous run: no source it was read from changed */
  worldReused: boolean;
  /** the months compared over differ from the previous run's (set by the phase "indsatser") */
  horizonMoved: boolean;
  decisions: ReadonlyMap<number, BeslutningState>;
  stored: StoredIndsatser;
  /** indsatser whose inputs changed since the store's version, and those gone from the fagsystem */
  changed: number[];
  removed: number[];
  /** indsatser whose matches changed in this run (their prices and afvigelser are recomputed) */
  touched: Set<number>;
  /** postings whose manually assigned indsats is gone */
  indsatsGone: number[];
  /** postings gone from the ledger */
  vanished: Array<{ postering_id: number; indsats_id: number | null }>;
  horizon: { fra: string; til: string };
  figures: RunFigures;
}
