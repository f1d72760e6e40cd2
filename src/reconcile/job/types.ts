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
}

export type KoerselResultat =
  | { status: 'OK'; koersel: KoerselInfo }
  /** another replica (or this one) holds the advisory lock: nothing was done */
  | { status: 'SPRUNGET_OVER'; koersel: null };

/** On-demand runs (the `koerAfstemning` mutation): starts in the background, returns at once. */
export interface ReconcileTrigger {
  start(opts: { type: Koerselstype }): { startet: boolean; grund: string | null };
}
