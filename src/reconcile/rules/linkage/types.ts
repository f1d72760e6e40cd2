/**
 * Record linkage of economy postings to fagsystem indsatser (issue 11), Fellegi–Sunter style: every
 * candidate indsats a blocking key hands the posting is compared field by field; each field's level of
 * agreement carries a weight (log₂ of how much likelier that level is for the true indsats than for a wrong
 * one), the weights add up to a score, and the scores of all candidates and of "belongs to none" give a
 * posterior that is then calibrated on generated ground truth.
 */

/** Where the posting's CPR came from and how well it fits the candidate's citizen. */
export type CprNiveau =
  /** the CPR field is the candidate's citizen */
  | 'FELT'
  /** the field after repair (lost leading zero) */
  | 'FELT_RETTET'
  /** a CPR in the text (any spelling) is the candidate's citizen */
  | 'TEKST'
  /** the field names no known citizen but is one typo (one digit, or two swapped) from the candidate's */
  | 'NAER'
  /** the posting names another citizen */
  | 'ANDEN'
  /** the field names no known citizen and is not near the candidate's */
  | 'UKENDT'
  /** no CPR anywhere on the posting */
  | 'INGEN';

export type KontoNiveau = 'SAMME' | 'NABO';
/** SAMME: a creditor of the provider; KOMMUNE: another municipality (mellemkommunal refusion); ANDEN: other */
export type KreditorNiveau = 'SAMME' | 'KOMMUNE' | 'ANDEN';
export type PeriodeNiveau = 'DAGE' | 'INDE' | 'UDENFOR';
export type BeloebNiveau = 'OERE' | 'TOLERANCE' | 'TILLAEG' | 'AFVIGER' | 'UKENDT';

export interface FeltVaegt<L extends string> {
  niveau: L;
  vaegt: number;
}

/** One candidate's comparison, field by field, and its total weight. */
export interface Kandidatvurdering {
  indsatsId: number;
  /** how the candidate was found (blocking keys) */
  blokke: string[];
  integrationsId: boolean;
  cpr: FeltVaegt<CprNiveau>;
  konto: FeltVaegt<KontoNiveau>;
  kreditor: FeltVaegt<KreditorNiveau>;
  periode: FeltVaegt<PeriodeNiveau>;
  beloeb: FeltVaegt<BeloebNiveau> & {
    /** expected amount (øre) of the nearest price for the period; null when no price is known */
    forventetOere: number | null;
    /** (|amount| − expected) / expected */
    afvigelse: number | null;
  };
  tekst: FeltVaegt<'TOMGANG' | 'NEUTRAL'>;
  score: number;
  /** calibrated probability that this is the posting's indsats (filled for the best candidates) */
  sandsynlighed: number;
}

/** Why the posting was left for a person. */
export type FlagAarsag = 'LIGE_GODE' | 'CPR_OMBYTTET';
