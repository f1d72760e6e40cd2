import type DataLoader from 'dataloader';

/** The rule that tied a posting to an indsats, strongest evidence first (domain brief, "Matching"). */
export type Matchregel =
  /** a manual decision by economy staff (wins over every rule) */
  | 'MANUEL'
  /** shared integration id: the fagsystem sent the posting itself (KOMBIT SF1590_A) */
  | 'INTEGRATIONS_ID'
  /** CPR (field or text) + account function ↔ paragraph + creditor ↔ provider + overlapping period */
  | 'CPR_KONTO_KREDITOR_PERIODE'
  /** CPR + account + period, but paid to a creditor that is not the ordered provider */
  | 'CPR_KONTO_PERIODE'
  /** no CPR: creditor ↔ provider + account + period + amount ≈ contract price */
  | 'KREDITOR_BELOEB_PERIODE';

export interface PosteringMatch {
  posteringId: number;
  bilagsnr: string;
  indsatsId: number;
  regel: Matchregel;
  /** 0–1 */
  confidence: number;
  beloebOere: number;
  periodeFra: string;
  periodeTil: string;
}

export interface Freshness {
  /** when the last reconciliation run finished (ISO), null if never */
  senestKoert: string | null;
  /** postings registered up to this timestamp are included */
  posteringerTil: string | null;
}

/** Per-request reads of the reconciled store (derived data; see src/reconcile/job). */
export interface ReconciledRequest {
  matchesByIndsats: DataLoader<number, PosteringMatch[]>;
  freshness(): Promise<Freshness>;
}
