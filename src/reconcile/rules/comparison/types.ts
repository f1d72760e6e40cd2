/**
 * Grouped price comparison over the reconciled store (issue: "Prices … as grouped comparisons"): the four
 * prices summed per group of indsats-months, all in øre, with the difference that counts as glidning.
 */
export const PRISDIMENSIONER = ['PARAGRAF', 'LEVERANDOER', 'KONTO', 'TEAM', 'MAANED', 'AAR'] as const;
export type Prisdimension = (typeof PRISDIMENSIONER)[number];

export interface PrisFilter {
  /** the caller's teams (row rule; src/reconcile/row-scope): set by the reconciled reads, never by a client */
  scopeTeamIds?: readonly number[];
  paragraffer?: string[];
  leverandoerIds?: number[];
  konti?: string[];
  teamIds?: number[];
  indsatsIds?: number[];
  /** only indsatser at providers settled per citizen (true), financed by budget (false), or both */
  afregnesPrBorger?: boolean;
  /** first day of a month, inclusive */
  maanedFra?: string;
  /** first day of a month, inclusive */
  maanedTil?: string;
}

export type PrisSortering = 'GRUPPE' | 'AFVIGELSE_BELOEB' | 'AFVIGELSE_PROCENT' | 'FAKTISK';

export interface PrissammenligningQuery {
  grupperPaa: Prisdimension[];
  filter: PrisFilter;
  /** |faktisk − kontrakt| above this share of kontrakt is glidning */
  glidningProcent: number;
  kunGlidning: boolean;
  sortering: PrisSortering;
  page: { first: number; offset: number };
  /**
   * The sums the answer shows, per page line and for the totals (from the query's selection): the statement
   * computes only these (faktisk and kontrakt always, as glidning needs them). Absent: every sum.
   */
  summer?: { linjer: ReadonlySet<PrisSum>; iAlt: ReadonlySet<PrisSum> | null };
}

/** The sums a group can carry (columns of the grouped statement). */
export const PRISSUMMER = [
  'forventet',
  'kontrakt_fagsystem',
  'kontrakt_oekonomi',
  'takst',
  'faktisk',
  'kontrakt',
  'antal_posteringer',
  'kontrakt_med_takst',
  'kontrakt_med_oekonomi',
] as const;
export type PrisSum = (typeof PRISSUMMER)[number];

/** Sums of one group, øre; null where no indsats-month of the group has that price. */
export interface Prisbeloeb {
  forventet: number | null;
  kontraktFagsystem: number | null;
  kontraktOekonomi: number | null;
  takst: number | null;
  faktisk: number;
  /** the kontraktpris the precedence policy chooses (indsats.kontraktpris), what glidning is measured against */
  kontrakt: number | null;
  /** distinct indsatser; null where not counted (the grouped query counts them on demand) */
  antalIndsatser: number | null;
  antalPosteringer: number;
  /** the bestilling's kontraktpris over the same months as `takst` (months whose provider publishes one) */
  kontraktFagsystemMedTakst: number | null;
  /** the bestilling's kontraktpris over the same months as `kontraktOekonomi` */
  kontraktFagsystemMedOekonomi: number | null;
}

export interface Prisgruppe extends Prisbeloeb {
  paragraf: string | null;
  leverandoerId: number | null;
  konto: string | null;
  teamId: number | null;
  /** YYYY-MM */
  maaned: string | null;
  aar: number | null;
  glidning: boolean;
}

export interface Prissammenligning {
  rows: Prisgruppe[];
  hasNextPage: boolean;
  offset: number;
  total(): Promise<number>;
  /** distinct indsatser of a group of this page (or, for null, of everything under the filter) */
  antalIndsatser(g: Prisgruppe | null): Promise<number>;
  sum(): Promise<Prisgruppe>;
}

/** One indsats' prices over the horizon (the store's months), for `Priser.sammenligning`. */
export type IndsatsPrisoversigt = Prisbeloeb & { maaneder: number; fra: string | null; til: string | null };
