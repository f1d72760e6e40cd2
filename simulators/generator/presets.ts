/**
 * The three sizes of synthetic municipality. Rates of planted disagreements are shared; `minPerKind`
 * guarantees that even the small test municipality has several instances of every kind.
 */
export type PresetName = 'test' | 'demo' | 'large';
export const PRESET_NAMES: readonly PresetName[] = ['test', 'demo', 'large'];

export interface Preset {
  name: PresetName;
  borgere: number;
  /** Private/selvejende companies delivering to the municipality (each with 1–3 afdelinger). */
  eksterneVirksomheder: number;
  /** Municipal units (some budget-financed, some settled per citizen). */
  interneEnheder: number;
  teams: number;
  /** Caseload: citizens per caseworker. */
  borgerePrSagsbehandler: number;
  /** Months of economy postings before asOf ("three years of monthly payments"). */
  betalingsmaaneder: number;
  /** How far back the oldest cases start. */
  historikAar: number;
  /** Postings that belong to no indsats (lump sums, §100 merudgifter, administration) per citizen per month. */
  oevrigePosteringerPrBorgerPrMaaned: number;
  /** Every planted kind occurs at least this many times. */
  minPerKind: number;
  /** Weight multiplier of "no second/third track" in the profiles: below 1 gives citizens more concurrent indsatser. */
  tomtSporVaegt: number;
  /** Multiplier on the share of indsatser delivered by the municipality's own units. */
  internAndelFaktor: number;
  /** Exponent on when cases open within the history: 1 = evenly, 2 = weighted towards the oldest years. */
  sagAabningEksponent: number;
  /** Weight multiplier of "nothing follows" when a bevilling ends: below 1 keeps citizens in their track longer. */
  afslutVaegt: number;
  /** Multiplier on how long bevillinger run (in per mille, 1000 = as in tracks.ts). */
  varighedPromille: number;
}

export const PRESETS: Readonly<Record<PresetName, Preset>> = {
  test: {
    name: 'test',
    borgere: 200,
    eksterneVirksomheder: 14,
    interneEnheder: 8,
    teams: 3,
    borgerePrSagsbehandler: 40,
    betalingsmaaneder: 36,
    historikAar: 8,
    oevrigePosteringerPrBorgerPrMaaned: 0.3,
    minPerKind: 5,
    tomtSporVaegt: 1,
    internAndelFaktor: 1,
    sagAabningEksponent: 1,
    afslutVaegt: 1,
    varighedPromille: 1000,
  },
  demo: {
    name: 'demo',
    borgere: 2_000,
    eksterneVirksomheder: 60,
    interneEnheder: 14,
    teams: 8,
    borgerePrSagsbehandler: 45,
    betalingsmaaneder: 36,
    historikAar: 4,
    oevrigePosteringerPrBorgerPrMaaned: 0.3,
    minPerKind: 5,
    tomtSporVaegt: 1,
    internAndelFaktor: 1,
    sagAabningEksponent: 1,
    afslutVaegt: 1,
    varighedPromille: 1000,
  },
  large: {
    name: 'large',
    borgere: 20_000,
    eksterneVirksomheder: 320,
    interneEnheder: 40,
    teams: 30,
    borgerePrSagsbehandler: 45,
    // the benchmark municipality is dense: most citizens have two or three concurrent indsatser
    betalingsmaaneder: 36,
    historikAar: 5,
    oevrigePosteringerPrBorgerPrMaaned: 0.65,
    minPerKind: 5,
    tomtSporVaegt: 0.1,
    internAndelFaktor: 0.3,
    sagAabningEksponent: 2,
    afslutVaegt: 0.3,
    varighedPromille: 1600,
  },
};

/** Rates of each planted disagreement (share of its population; see disagreements/). */
export const PLANT_RATES = {
  /** of per-citizen-settled indsatser with postings: a run of postings with CPR only in the text */
  CPR_KUN_I_TEKST: 0.03,
  /** of such indsatser: one or two postings without CPR */
  CPR_MANGLER: 0.015,
  /** of indsatser at a provider owned by a parent company: postings paid to the parent's creditor */
  ANDEN_KREDITOR: 0.06,
  /** of indsatser that ended inside the payment window */
  BETALING_EFTER_SLUT: 0.04,
  /** of active settled indsatser that started in the last year */
  INDSATS_UDEN_BETALING: 0.04,
  /** of indsatser with a year or more of postings */
  DUBLET_POSTERING: 0.01,
  KREDITERING: 0.01,
  /** of price periods (bestilling ↔ economy contract) inside the payment window */
  KONTRAKTPRIS_AFVIGER: 0.02,
  /** of published takster that contracts use */
  TAKST_AFVIGER: 0.04,
  /** of settled indsatser with postings */
  FAKTISK_AFVIGER: 0.02,
  /** of providers */
  LEVERANDOER_ATTRIBUT_AFVIGER: 0.08,
  /** of citizens */
  BORGER_ATTRIBUT_AFVIGER: 0.03,
  ADRESSEBESKYTTELSE: 0.015,
} as const;
