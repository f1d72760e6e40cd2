import type { Cpr } from '../identifiers/cpr';
import type { IsoDate } from '../dates';

/** A citizen as the fagsystem knows them (its own copy of name and address). */
export interface Borger {
  id: number;
  cpr: Cpr;
  fornavn: string;
  efternavn: string;
  adresse: string;
  postnummer: string;
  bynavn: string;
  kommunekode: string;
}

export interface BorgerMaalgruppe {
  id: number;
  borgerId: number;
  maalgruppeKode: string;
  fraDato: IsoDate;
  tilDato: IsoDate | null;
}

/** A citizen as the CPR register (Serviceplatformen SF1520) knows them. */
export interface CprPerson {
  cpr: Cpr;
  fornavn: string;
  efternavn: string;
  vejnavn: string;
  husnummer: string;
  postnummer: string;
  bynavn: string;
  kommunekode: string;
  status: string;
  adressebeskyttelse: boolean;
}

export interface Funktionsevnevurdering {
  id: number;
  sagId: number;
  borgerId: number;
  vurderingsdato: IsoDate;
  tema: string;
  undertema: string;
  niveau: number | null;
}

export interface Stoettebehov {
  id: number;
  sagId: number;
  borgerId: number;
  vurderingsdato: IsoDate;
  niveau: 'INTET' | 'LET' | 'MODERAT' | 'HOEJT' | 'FULDSTAENDIGT';
}
