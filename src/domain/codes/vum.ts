/** VUM 2.0 / FFB reference values (Socialstyrelsen, "Strukturerede data i VUM 2.0", seed 000). */

/** Funktionsevneniveau 0–4 (VUM 2.0 ID 27); null is "ikke vurderet". */
export const FUNKTIONSEVNENIVEAUER = [
  { niveau: 0, navn: 'Ingen nedsat funktionsevne' },
  { niveau: 1, navn: 'Let nedsat funktionsevne' },
  { niveau: 2, navn: 'Moderat nedsat funktionsevne' },
  { niveau: 3, navn: 'Svært nedsat funktionsevne' },
  { niveau: 4, navn: 'Fuldstændigt nedsat funktionsevne' },
] as const;

/** Støttebehov (VUM 2.0 ID 59, 83, 84). Order matters: it is the scale. */
export const STOETTEBEHOV = ['INTET', 'LET', 'MODERAT', 'HOEJT', 'FULDSTAENDIGT'] as const;
export type Stoettebehovsniveau = (typeof STOETTEBEHOV)[number];

/** Måltype of an indsatsmål (VUM 2.0 ID 29). */
export const MAALTYPER = ['UDVIKLE', 'FASTHOLDE', 'BEGRAENSE_TAB'] as const;
export type Maaltype = (typeof MAALTYPER)[number];

/** Status på indsats at opfølgning (VUM 2.0 ID 75 in the follow-up phase). */
export const STATUS_PAA_INDSATS = ['FORTSAET', 'AFSLUTNING', 'NY_INDSATS'] as const;
export type StatusPaaIndsats = (typeof STATUS_PAA_INDSATS)[number];

/** Opfølgningstype (VUM 2.0 ID 77). */
export const OPFOELGNINGSTYPER = ['PLANLAGT', 'MARKANT_AENDRING'] as const;
export type Opfoelgningstype = (typeof OPFOELGNINGSTYPER)[number];

/** Henvendelse/opfølgning/egen drift (VUM 2.0 ID 2). */
export const HENVENDELSESTYPER = ['BORGER', 'PAaROERENDE', 'SYGEHUS', 'EGEN_DRIFT', 'ANDEN_FORVALTNING'] as const;

/** Aktivitet og deltagelse: the six themes of the funktionsevnevurdering with FFB undertemaer (VUM 2.0 ID 26–27). */
export const FUNKTIONSEVNE_TEMAER: Readonly<Record<string, readonly string[]>> = {
  EGENOMSORG: ['personlig hygiejne', 'af- og påklædning', 'spise og drikke', 'varetage egen sundhed'],
  PRAKTISKE_OPGAVER: ['varetage økonomi', 'gøre rent', 'lave mad', 'skaffe sig varer og tjenesteydelser'],
  MOBILITET: ['bevæge sig omkring', 'færden i forskellige omgivelser', 'bruge transportmidler'],
  KOMMUNIKATION: ['samtale', 'modtage og udtrykke meddelelser', 'bruge kommunikationsudstyr'],
  SAMFUNDSLIV: ['beskæftigelse', 'uddannelse', 'fritid', 'organisering og planlægning'],
  SOCIALE_RELATIONER: ['familieforhold', 'personer i netværk', 'formelle relationer', 'intime relationer'],
};
export const FUNKTIONSEVNE_TEMA_KODER = Object.keys(FUNKTIONSEVNE_TEMAER);

/** Ydelsesenhed (VUM 2.0 ID 44) and the period a number of units refers to (ID 45–46). */
export const YDELSESENHEDER = ['TIME', 'DOEGN', 'DAG', 'MAANED'] as const;
export type Ydelsesenhed = (typeof YDELSESENHEDER)[number];
export const YDELSESFREKVENSER = ['UGE', 'MAANED'] as const;
export type Ydelsesfrekvens = (typeof YDELSESFREKVENSER)[number];

/** Weeks per month used to turn a weekly ydelse into a monthly price (52/12). */
export const UGER_PR_MAANED_NUMERATOR = 52;
export const UGER_PR_MAANED_DENOMINATOR = 12;
