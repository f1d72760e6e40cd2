import type { KoerselInfo } from '../read/types';

export type KoerselResultat =
  | { status: 'OK'; koersel: KoerselInfo }
  /** another replica (or this one) holds the advisory lock: nothing was done */
  | { status: 'SPRUNGET_OVER'; koersel: null };
