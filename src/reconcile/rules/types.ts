/** The rule that tied a posting to an indsats, strongest evidence first (domain brief, "Matching"). */
export type Matchregel =
  /** a manual decision by economy staff (wins over every rule) */
  | 'MANUEL'
  /** shared integration id: the fagsystem sent the posting itself (KOMBIT SF1590_A) */
  | 'INTEGRATIONS_ID'
  /** CPR (field or text) + account function ↔ paragraph + creditor ↔ provider + overlapping period */
  | 'CPR_KONTO_KREDITOR_PERIODE'
  /** CPR + account + creditor ↔ provider, but the service period lies (shortly) outside the indsats' period */
  | 'CPR_KONTO_KREDITOR_UDEN_FOR_PERIODE'
  /** CPR + account + period + amount ≈ contract price, but paid to a creditor that is not the ordered provider */
  | 'CPR_KONTO_PERIODE'
  /** no CPR: creditor ↔ provider + account + period + amount ≈ contract price */
  | 'KREDITOR_BELOEB_PERIODE';

/** Why a posting was left unmatched (stored in `regel` when indsats_id is null). */
export type Umatchetaarsag =
  /** no indsats satisfies any rule */
  | 'INGEN_KANDIDAT'
  /** several indsatser satisfy the strongest applicable rule equally well: left for a person to decide */
  | 'TVETYDIG'
  /** a manual decision rejected the match and no other candidate remains */
  | 'AFVIST';

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

export interface PosteringMatchState {
  posteringId: number;
  bilagsnr: string;
  indsatsId: number | null;
  regel: string;
  confidence: number;
  autoIndsatsId: number | null;
  autoRegel: string;
  kandidater: number;
  beloebOere: number;
  periodeFra: string;
  periodeTil: string;
  konto: string;
  kreditorNr: string | null;
  cprKilde: 'FELT' | 'TEKST' | 'INGEN';
  borgerId: number | null;
}
