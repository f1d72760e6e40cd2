/** One department of an offer in Tilbudsportalen (the national register of social offers), keyed by (tilbudsid, afdelingsid). */
export interface TakstRecord {
  aar: number;
  paragraf: string;
  /** null = the takst covers the whole offer under the paragraph */
  ydelseskode: string | null;
  enhed: 'MAANED' | 'DOEGN' | 'TIME';
  /** DKK decimal string */
  takst: string;
}

export interface TilbudRecord {
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
  takster: TakstRecord[];
  /** ISO timestamp of the last change, for `updatedSince` */
  opdateret: string;
}
