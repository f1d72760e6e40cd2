import type { IsoDate } from '../dates';
import type { Money } from '../money';

export interface Sag {
  id: number;
  /** the citizen's CPR when the query fetched it with the row, for the access log (see Indsats.borgerCpr) */
  borgerCpr?: string;
  sagsnummer: string;
  borgerId: number;
  teamId: number;
  sagsbehandlerId: number;
  sagAabnet: IsoDate;
  henvendelsestype: string;
  sagsoplysningStart: IsoDate | null;
  sagsvurderingStart: IsoDate | null;
  handlekommune: string;
  betalingskommune: string;
  status: 'AABEN' | 'LUKKET';
  lukketDato: IsoDate | null;
}

export interface Afgoerelse {
  id: number;
  sagId: number;
  paragraf: string;
  resultat: 'BEVILGET' | 'AFSLAG';
  afgoerelsesdato: IsoDate;
  opfoelgningsdato: IsoDate | null;
}

export interface Indsats {
  id: number;
  /**
   * the citizen's CPR when a list query fetched it with the row, for the access log (src/access/case-data) —
   * saves a page two look-ups (sag, borger) before its rows may be returned; no schema field exposes it
   */
  borgerCpr?: string;
  sagId: number;
  afgoerelseId: number;
  paragraf: string;
  tilbudstype: string;
  leverandoerId: number;
  forventetStart: IsoDate;
  forventetSlut: IsoDate | null;
  faktiskStart: IsoDate | null;
  faktiskSlut: IsoDate | null;
  status: 'BEVILGET' | 'AKTIV' | 'AFSLUTTET';
  ydelsesenhed: 'TIME' | 'DOEGN' | 'DAG' | 'MAANED';
  /** decimal string (units may be fractional, e.g. 2.5 hours) */
  antalEnheder: string;
  ydelsesfrekvens: 'UGE' | 'MAANED';
  gentagelser: number;
  enhedspris: Money;
  kontonummer: string;
  integrationsId: string | null;
}

export interface Ydelse {
  id: number;
  indsatsId: number;
  ydelseskode: string;
  forventetStart: IsoDate;
  forventetSlut: IsoDate | null;
}

export interface Bestilling {
  id: number;
  indsatsId: number;
  leverandoerId: number;
  bestiltDato: IsoDate;
  kontraktprisPrMaaned: Money;
  gyldigFra: IsoDate;
  gyldigTil: IsoDate | null;
  egenbetaling: boolean;
}

export interface Indsatsmaal {
  id: number;
  indsatsId: number;
  tema: string;
  maaltype: 'UDVIKLE' | 'FASTHOLDE' | 'BEGRAENSE_TAB';
  beskrivelse: string;
  forventetNiveau: number | null;
  status: 'AKTIV' | 'OPFYLDT' | 'DELVIST_OPFYLDT' | 'IKKE_OPFYLDT';
  oprettet: IsoDate;
  afsluttet: IsoDate | null;
}

export interface Opfoelgning {
  id: number;
  indsatsId: number;
  sagsbehandlerId: number;
  opfoelgningstype: 'PLANLAGT' | 'MARKANT_AENDRING';
  planlagtDato: IsoDate;
  udfoertDato: IsoDate | null;
  statusPaaIndsats: 'FORTSAET' | 'AFSLUTNING' | 'NY_INDSATS' | null;
  trivsel: number | null;
  magtanvendelser: number;
  stoettebehovEfter: 'INTET' | 'LET' | 'MODERAT' | 'HOEJT' | 'FULDSTAENDIGT' | null;
}
