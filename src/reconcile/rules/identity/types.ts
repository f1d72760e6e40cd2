/** One edge of the provider identity graph: an economy creditor that is a fagsystem provider, and why. */
export interface LeverandoerKreditorLink {
  leverandoerId: number;
  kreditorNr: string;
  /** evidence, strongest first: KONTRAKT (the economy's own contract register), ADRESSE, CVR_TILBUDSPORTALEN, CVR_REGISTER */
  evidens: Evidens[];
}

export type Evidens = 'KONTRAKT' | 'ADRESSE' | 'CVR_TILBUDSPORTALEN' | 'CVR_REGISTER';

/** The fagsystem's copy of a citizen's address, for the attribute check against the CPR register (memory only). */
export interface BorgerAttributter {
  cpr: string;
  adresse: string;
  postnummer: string;
  bynavn: string;
  kommunekode: string;
}
