/**
 * The ground truth of a generated municipality: which indsats every posting truly belongs to, and every
 * disagreement the generator planted between the systems. Tests and `npm run accuracy` measure the
 * gateway's reconciliation against it; the gateway itself never reads it.
 */
export const PLANTED_KINDS = [
  /** The posting's CPR is only in its free text, not in the CPR field. */
  'CPR_KUN_I_TEKST',
  /** The posting belongs to an indsats but carries no CPR at all. */
  'CPR_MANGLER',
  /** Paid to a creditor other than the provider the indsats was ordered from. */
  'ANDEN_KREDITOR',
  /** A payment for a period after the indsats ended. */
  'BETALING_EFTER_SLUT',
  /** An active, per-citizen-settled indsats with no payment at all. */
  'INDSATS_UDEN_BETALING',
  /** The same invoice booked twice. */
  'DUBLET_POSTERING',
  /** A credit note reversing an earlier posting. */
  'KREDITERING',
  /** The fagsystem's bestilling and the economy's contract register disagree on kontraktpris. */
  'KONTRAKTPRIS_AFVIGER',
  /** Tilbudsportalen's takst for the year differs from the kontraktpris. */
  'TAKST_AFVIGER',
  /**
   * What was actually paid differs from the contract beyond GLIDNING_TAERSKEL_PROCENT: the sum of the
   * indsats's postings against the economy contract's monthly amounts (prorated) for the months it ran in
   * the payment window; `vaerdier` = { kontrakt, faktisk }.
   */
  'FAKTISK_AFVIGER',
  /** Provider name or address differs between fagsystem, Tilbudsportalen and the CVR register. */
  'LEVERANDOER_ATTRIBUT_AFVIGER',
  /** Citizen address or kommunekode differs between fagsystem and the CPR register. */
  'BORGER_ATTRIBUT_AFVIGER',
  /** The citizen has navne- og adressebeskyttelse in the CPR register. */
  'ADRESSEBESKYTTELSE',
] as const;
export type PlantedKind = (typeof PLANTED_KINDS)[number];

/** Actual vs contract drift (over a whole indsats) that counts as "glidning" in the ground truth. */
export const GLIDNING_TAERSKEL_PROCENT = 10;

export interface PlantedDisagreement {
  kind: PlantedKind;
  bilagsnr?: string;
  /** For DUBLET_POSTERING / KREDITERING: the posting that was duplicated or credited. */
  original_bilagsnr?: string;
  indsats_id?: number;
  bestilling_id?: number;
  borger_id?: number;
  cpr?: string;
  leverandoer_id?: number;
  kreditor_nr?: string;
  kontrakt_nr?: string;
  tilbudsid?: number;
  afdelingsid?: number;
  aar?: number;
  /** For TAKST_AFVIGER: which takst line of the offer (paragraph code and, for § 107, ydelseskode). */
  paragraf?: string;
  ydelseskode?: string;
  /** Which attribute disagrees ("navn", "adresse", "kommunekode", "kontraktpris", "takst" …). */
  felt?: string;
  /** Each source's value, keyed by system: fagsystem, oekonomi, tilbudsportalen, cpr, cvr. */
  vaerdier?: Record<string, string>;
}

/** How one provider is known in every system: the truth identity resolution is measured against. */
export interface LeverandoerIdentitet {
  leverandoer_id: number;
  pnummer: string | null;
  cvr: string | null;
  kreditor_nr: string[];
  tilbudsid: number | null;
  afdelingsid: number | null;
}

export interface Manifest {
  generator: string;
  preset: string;
  seed: number;
  /** The "today" of the generated data: payments run up to the month before it. */
  asOf: string;
  counts: Record<string, number>;
  /**
   * bilagsnr → the indsats_id the posting truly belongs to, or null (not for any indsats). A duplicate
   * and a credit note belong to the same indsats as the posting they copy or reverse; a payment after
   * the end or to another creditor still belongs to the indsats it pays for.
   */
  posteringer: Record<string, number | null>;
  planted: PlantedDisagreement[];
  leverandoerer: LeverandoerIdentitet[];
  /** postings carrying planted ledger mess, by bilagsnr (see MATCHTILFAELDE_ARTER) */
  matchtilfaelde?: Matchtilfaelde[];
  /**
   * Overlapping services (seed 003): every § 85 indsats running at the same time as an ABL § 105 / SEL § 107 /
   * § 108 indsats of the same citizen (the generator plants some: simulators/generator/cases.ts plantOverlaps).
   */
  overlappendeYdelser?: OverlappendeYdelse[];
}

/** One pair of overlapping services, with the overlap's own period (actual dates where known; til null = running). */
export interface OverlappendeYdelse {
  borger_id: number;
  /** the § 85 indsats */
  indsats_id: number;
  /** the botilbud (ABL § 105 / SEL § 107 / § 108) */
  andet_indsats_id: number;
  /** e.g. "SEL85+SEL107" */
  kombination: string;
  fra: string;
  til: string | null;
}

/**
 * Ledger mess planted on single postings (simulators/generator/disagreements/ledger-mess.ts): what municipal
 * ERP data does to a posting that still pays for an indsats (or, for TOMGANG, for none). The truth of each
 * posting stays in `posteringer`; `matchtilfaelde` says which postings carry which mess, so `npm run accuracy`
 * can measure precision and recall of matching per kind.
 */
export const MATCHTILFAELDE_ARTER = [
  /** CPR only in the text as `DDMMYY SSSS` (space). */
  'CPR_TEKST_MELLEMRUM',
  /** CPR only in the text with an en dash `DDMMYY–SSSS`. */
  'CPR_TEKST_TANKESTREG',
  /** CPR only in the text after a prefix ("cpr.nr.", "CPR-nr.:", "cpr nr"). */
  'CPR_TEKST_PRAEFIKS',
  /** The CPR field lost its leading zero (spreadsheet export): 9 digits. */
  'CPR_FORAN_NUL_TABT',
  /** The CPR field has a typo: it names no known citizen. */
  'CPR_UKENDT',
  /** Booked on a neighbouring function (§ 107 ↔ § 108, § 103 ↔ § 104): konteringsfejl. */
  'KONTERINGSFEJL',
  /** Wrong account, its reversal and the re-booking on the right account (all three the indsats's money). */
  'OMPOSTERING',
  /** The citizen moved; the new handlekommune pays the provider and invoices us with an administration surcharge. */
  'MELLEMKOMMUNAL_REFUSION',
  /** The provider raised its price 2–4 % mid-year; the contracts were not updated. */
  'PRISSTIGNING',
  /** The period field typed as the month after: it lands on the citizen's next indsats (at another price). */
  'PERIODE_FORKERT',
  /** Two residents' CPRs swapped on a batch invoice (different prices: the amount tells the truth). */
  'CPR_OMBYTTET',
  /** A vacancy / reserved-place payment to a provider: no citizen, belongs to no indsats. */
  'TOMGANG',
] as const;
export type MatchtilfaeldeArt = (typeof MATCHTILFAELDE_ARTER)[number];

export interface Matchtilfaelde {
  art: MatchtilfaeldeArt;
  bilagsnr: string;
  /** the indsats the posting truly belongs to (the same as in `posteringer`) */
  indsats_id: number | null;
}
