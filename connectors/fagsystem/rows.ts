/**
 * Rows of the fagsystem (case system: KMD Nexus, Cura, EG …) as this connector reads them — its own schema in
 * FFB vocabulary with its own surrogate ids. The connector owns these types; the simulator's schema and
 * seeder (simulators/fagsystem) build the same tables from them. Column names are the table's columns one to
 * one (snake_case, ASCII-folded Danish). Dates are ISO strings, money is a decimal string. VUM 2.0 IDs are
 * named where a column carries one.
 */

export interface OrganisationsenhedRow {
  enhed_id: number;
  navn: string;
}

export interface TeamRow {
  team_id: number;
  enhed_id: number;
  navn: string;
}

export interface SagsbehandlerRow {
  sagsbehandler_id: number;
  team_id: number;
  navn: string;
  initialer: string;
}

/** The fagsystem's own copy of a citizen; address and kommune may disagree with the CPR register. */
export interface BorgerRow {
  borger_id: number;
  cpr: string;
  fornavn: string;
  efternavn: string;
  adresse: string;
  postnummer: string;
  bynavn: string;
  kommunekode: string;
}

/** VUM 2.0 ID 60; a citizen can be in several målgrupper over time. */
export interface BorgerMaalgruppeRow {
  borger_maalgruppe_id: number;
  borger_id: number;
  maalgruppe_kode: string;
  fra_dato: string;
  til_dato: string | null;
}

/** A provider as the fagsystem knows it: P-nummer (VUM 2.0 ID 69), optionally Tilbudsportalen ids. */
export interface LeverandoerRow {
  leverandoer_id: number;
  navn: string;
  adresse: string;
  postnummer: string;
  bynavn: string;
  pnummer: string | null;
  tilbudsid: number | null;
  afdelingsid: number | null;
  intern: boolean;
  /** False for internal providers financed by budget, not settled per citizen: no postings per indsats. */
  afregnes_pr_borger: boolean;
}

export interface SagRow {
  sag_id: number;
  sagsnummer: string;
  borger_id: number;
  team_id: number;
  sagsbehandler_id: number;
  /** VUM 2.0 ID 1 */
  sag_aabnet: string;
  /** VUM 2.0 ID 2 (see HENVENDELSESTYPER) */
  henvendelsestype: string;
  /** VUM 2.0 ID 25 */
  sagsoplysning_start: string | null;
  /** VUM 2.0 ID 28 */
  sagsvurdering_start: string | null;
  /** VUM 2.0 ID 19/20: kommunekode when another municipality acts or pays */
  handlekommune: string;
  betalingskommune: string;
  status: 'AABEN' | 'LUKKET';
  lukket_dato: string | null;
}

export interface AfgoerelseRow {
  afgoerelse_id: number;
  sag_id: number;
  /** VUM 2.0 ID 66 */
  paragraf: string;
  /** VUM 2.0 ID 63/64 */
  resultat: 'BEVILGET' | 'AFSLAG';
  afgoerelsesdato: string;
  /** VUM 2.0 ID 67 */
  opfoelgningsdato: string | null;
}

export interface IndsatsRow {
  indsats_id: number;
  sag_id: number;
  afgoerelse_id: number;
  paragraf: string;
  /** VUM 2.0 ID 36 (TILBUDSTYPER code) */
  tilbudstype: string;
  leverandoer_id: number;
  /** VUM 2.0 ID 39 */
  forventet_start: string;
  /** VUM 2.0 ID 40; null = ID 41 "indsatsen uden slutdato" */
  forventet_slut: string | null;
  /** VUM 2.0 ID 75 (levering) */
  faktisk_start: string | null;
  faktisk_slut: string | null;
  status: 'BEVILGET' | 'AKTIV' | 'AFSLUTTET';
  /** VUM 2.0 ID 44 */
  ydelsesenhed: 'TIME' | 'DOEGN' | 'DAG' | 'MAANED';
  /** VUM 2.0 ID 45 */
  antal_enheder: number;
  /** VUM 2.0 ID 46 */
  ydelsesfrekvens: 'UGE' | 'MAANED';
  /** VUM 2.0 ID 47: number of periods (months) the basisindsatspris covers */
  gentagelser: number;
  /** VUM 2.0 ID 48, DKK decimal string */
  enhedspris: string;
  /** VUM 2.0 ID 37 */
  kontonummer: string;
  /** Set when the fagsystem sends the posting itself (KOMBIT SF1590_A "Afsend økonomipostering") */
  integrations_id: string | null;
}

/** VUM 2.0 ID 35, 42, 43 */
export interface YdelseRow {
  ydelse_id: number;
  indsats_id: number;
  ydelseskode: string;
  forventet_start: string;
  forventet_slut: string | null;
}

/** Bestilling (VUM 2.0 ID 68–72) with the kontraktpris agreed with the provider: the fagsystem's truth. */
export interface BestillingRow {
  bestilling_id: number;
  indsats_id: number;
  leverandoer_id: number;
  bestilt_dato: string;
  kontraktpris_pr_maaned: string;
  gyldig_fra: string;
  gyldig_til: string | null;
  egenbetaling: boolean;
}

/** VUM 2.0 ID 26–27: one row per undertema assessed. */
export interface FunktionsevnevurderingRow {
  vurdering_id: number;
  sag_id: number;
  borger_id: number;
  vurderingsdato: string;
  tema: string;
  undertema: string;
  /** 0–4, null = ikke vurderet */
  niveau: number | null;
}

/** VUM 2.0 ID 59/83/84 */
export interface StoettebehovRow {
  stoettebehov_id: number;
  sag_id: number;
  borger_id: number;
  vurderingsdato: string;
  niveau: 'INTET' | 'LET' | 'MODERAT' | 'HOEJT' | 'FULDSTAENDIGT';
}

export interface IndsatsmaalRow {
  indsatsmaal_id: number;
  indsats_id: number;
  /** VUM 2.0 ID 30 (FUNKTIONSEVNE_TEMAER key) */
  tema: string;
  /** VUM 2.0 ID 29 */
  maaltype: 'UDVIKLE' | 'FASTHOLDE' | 'BEGRAENSE_TAB';
  beskrivelse: string;
  /** VUM 2.0 ID 31 */
  forventet_niveau: number | null;
  status: 'AKTIV' | 'OPFYLDT' | 'DELVIST_OPFYLDT' | 'IKKE_OPFYLDT';
  oprettet: string;
  afsluttet: string | null;
}

export interface OpfoelgningRow {
  opfoelgning_id: number;
  indsats_id: number;
  sagsbehandler_id: number;
  /** VUM 2.0 ID 77 */
  opfoelgningstype: 'PLANLAGT' | 'MARKANT_AENDRING';
  /** VUM 2.0 ID 67/78 */
  planlagt_dato: string;
  /** VUM 2.0 ID 76; null = not done yet (overdue when planlagt_dato has passed) */
  udfoert_dato: string | null;
  /** VUM 2.0 ID 75 (follow-up phase) */
  status_paa_indsats: 'FORTSAET' | 'AFSLUTNING' | 'NY_INDSATS' | null;
  /** VUM 2.0 ID 81, 1 (poor) – 5 (good) */
  trivsel: number | null;
  /** VUM 2.0 ID 82: number of registered uses of force since last follow-up */
  magtanvendelser: number;
  /** VUM 2.0 ID 84 */
  stoettebehov_efter: StoettebehovRow['niveau'] | null;
}
