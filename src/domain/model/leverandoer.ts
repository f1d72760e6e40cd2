import type { IsoDate } from '../dates';
import type { Money } from '../money';

/** A provider as the fagsystem knows it. */
export interface Leverandoer {
  id: number;
  navn: string;
  adresse: string;
  postnummer: string;
  bynavn: string;
  pnummer: string | null;
  tilbudsid: number | null;
  afdelingsid: number | null;
  intern: boolean;
  afregnesPrBorger: boolean;
}

/** An offer's department in Tilbudsportalen. */
export interface Tilbud {
  tilbudsid: number;
  afdelingsid: number;
  tilbudsnavn: string;
  afdelingsnavn: string;
  tilbudstype: string;
  cvr: string;
  pnummer: string;
  adresse: string;
  postnummer: string;
  bynavn: string;
  paragraffer: string[];
  pladser: number;
  maalgrupper: string[];
  takster: Takst[];
  opdateret: string;
}

export interface Takst {
  aar: number;
  paragraf: string;
  ydelseskode: string | null;
  enhed: 'MAANED' | 'DOEGN' | 'TIME';
  takst: Money;
}

/** A company in the CVR register (Serviceplatformen SF1530). */
export interface CvrVirksomhed {
  cvr: string;
  navn: string;
  adresse: string;
  postnummer: string;
  bynavn: string;
  produktionsenheder: Produktionsenhed[];
}

export interface Produktionsenhed {
  pnummer: string;
  /** The owning company's CVR (known when looked up by P-nummer). */
  cvr: string | null;
  navn: string;
  adresse: string;
  postnummer: string;
  bynavn: string;
}

export type { IsoDate };
