/** One edge of the provider identity graph: an economy creditor that is a fagsystem provider, and why. */
export interface LeverandoerKreditorLink {
  leverandoerId: number;
  kreditorNr: string;
  /** evidence, strongest first: KONTRAKT (the economy's own contract register), ADRESSE, CVR_TILBUDSPORTALEN, CVR_REGISTER */
  evidens: Evidens[];
}

export type Evidens = 'KONTRAKT' | 'ADRESSE' | 'CVR_TILBUDSPORTALEN' | 'CVR_REGISTER';
