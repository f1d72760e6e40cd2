import type { IsoDate } from '../dates';
import type { Money } from '../money';

export interface Kreditor {
  kreditorNr: string;
  navn: string;
  cvr: string | null;
  ean: string | null;
  adresse: string;
  postnummer: string;
  bynavn: string;
}

/** The economy's contract register entry (disposition): the second truth of kontraktpris. */
export interface Kontrakt {
  kontraktNr: string;
  kreditorNr: string;
  cpr: string | null;
  konto: string;
  beloebPrMaaned: Money;
  gyldigFra: IsoDate;
  gyldigTil: IsoDate | null;
  sagsreference: string | null;
}

export interface Postering {
  id: number;
  bilagsnr: string;
  bilagsdato: IsoDate;
  konto: string;
  art: string;
  kreditorNr: string | null;
  beloeb: Money;
  periodeFra: IsoDate;
  periodeTil: IsoDate;
  cpr: string | null;
  tekst: string;
  integrationsId: string | null;
  /** ISO timestamp */
  registreret: string;
}

export interface Budget {
  konto: string;
  aar: number;
  beloeb: Money;
}
