/**
 * Rows of the simulated economy system (ERP: KMD Opus, Fujitsu Prisme …). It does NOT mirror the
 * fagsystem: it speaks kontoplan account strings, creditor numbers with CVR/EAN, and free posting texts.
 * CPR appears only on accounts booked per person, and sometimes only inside the posting text.
 */

/** Kontoplan: function (e.g. "5.38.52") and its text. */
export interface KontoRow {
  konto: string;
  tekst: string;
}

export interface KreditorRow {
  kreditor_nr: string;
  navn: string;
  cvr: string | null;
  ean: string | null;
  adresse: string;
  postnummer: string;
  bynavn: string;
}

/**
 * The economy's contract register (dispositioner): what economy believes was agreed — the second truth
 * of kontraktpris beside the fagsystem's bestilling. `sagsreference` is the free-text reference economy
 * staff typed (often the fagsystem's sagsnummer, sometimes nothing).
 */
export interface KontraktRow {
  kontrakt_nr: string;
  kreditor_nr: string;
  cpr: string | null;
  konto: string;
  beloeb_pr_maaned: string;
  gyldig_fra: string;
  gyldig_til: string | null;
  sagsreference: string | null;
}

/**
 * One posting (postering). `beloeb` is negative for a credit note. `integrations_id` is set only when
 * the fagsystem sent the posting itself (SF1590_A). `registreret` is when it was booked (ISO timestamp);
 * the reconciliation job reads new postings incrementally by it.
 */
export interface PosteringRow {
  postering_id: number;
  bilagsnr: string;
  bilagsdato: string;
  konto: string;
  /** Kontoplan art, e.g. "4.0" (køb af tjenesteydelser), "5.2" (tilskud til personer) */
  art: string;
  kreditor_nr: string | null;
  beloeb: string;
  periode_fra: string;
  periode_til: string;
  cpr: string | null;
  tekst: string;
  integrations_id: string | null;
  registreret: string;
}

export interface BudgetRow {
  konto: string;
  aar: number;
  beloeb: string;
}

/**
 * A correction to a year's budget on one account (korrigeret budget = budget + the corrections dated up to
 * a day): TILLAEGSBEVILLING (added by the council), BESPARELSE (cut), OMPLACERING (moved between accounts,
 * always a pair with the opposite sign on another account).
 */
export interface BudgetkorrektionRow {
  korrektion_nr: string;
  konto: string;
  aar: number;
  dato: string;
  art: 'TILLAEGSBEVILLING' | 'BESPARELSE' | 'OMPLACERING';
  beloeb: string;
  tekst: string;
}

export interface OekonomiData {
  konti: KontoRow[];
  kreditorer: KreditorRow[];
  kontrakter: KontraktRow[];
  posteringer: PosteringRow[];
  budgetter: BudgetRow[];
  budgetkorrektioner: BudgetkorrektionRow[];
}
