/**
 * FFB ydelser (VUM 2.0 ID 35 "Ydelser der indgår i indsatsen"), grouped by paragraph. Codes are the
 * project's own stable keys; names are FFB's words.
 */
export interface Ydelse {
  kode: string;
  navn: string;
  paragraf: string;
}

export const YDELSER: readonly Ydelse[] = [
  { kode: 'SEL85.PRAKTISK.DAGLIGE', navn: 'Støtte til praktiske opgaver: daglige opgaver i hjemmet', paragraf: 'SEL85' },
  { kode: 'SEL85.PRAKTISK.ADMINISTRATION', navn: 'Støtte til praktiske opgaver: administration', paragraf: 'SEL85' },
  { kode: 'SEL85.PRAKTISK.BOLIG', navn: 'Støtte til praktiske opgaver: etablering i bolig', paragraf: 'SEL85' },
  { kode: 'SEL85.SAMFUND.INSTANSER', navn: 'Støtte til samfundsdeltagelse: kontakt til instanser', paragraf: 'SEL85' },
  { kode: 'SEL85.SAMFUND.TRANSPORT', navn: 'Støtte til samfundsdeltagelse: transport', paragraf: 'SEL85' },
  { kode: 'SEL85.SAMFUND.BESKAEFTIGELSE', navn: 'Støtte til samfundsdeltagelse: beskæftigelse', paragraf: 'SEL85' },
  { kode: 'SEL85.SAMFUND.UDDANNELSE', navn: 'Støtte til samfundsdeltagelse: uddannelse', paragraf: 'SEL85' },
  { kode: 'SEL85.RELATIONER', navn: 'Støtte til relationer og fællesskaber', paragraf: 'SEL85' },
  { kode: 'SEL85.SUNDHED.BEHANDLING', navn: 'Støtte til sundhed: behandling', paragraf: 'SEL85' },
  { kode: 'SEL85.SUNDHED.LEVEVIS', navn: 'Støtte til sundhed: sund levevis', paragraf: 'SEL85' },
  { kode: 'SEL85.SUNDHED.HYGIEJNE', navn: 'Støtte til sundhed: personlig hygiejne', paragraf: 'SEL85' },
  { kode: 'SEL85.SUNDHED.PSYKISK', navn: 'Støtte til sundhed: psykisk trivsel', paragraf: 'SEL85' },
  { kode: 'ABL105.BOLIG', navn: 'Bolig efter almenboligloven § 105 med socialpædagogisk støtte', paragraf: 'ABL105' },
  { kode: 'SEL104.SOCIAL', navn: 'Social aktivitet', paragraf: 'SEL104' },
  { kode: 'SEL104.FYSISK', navn: 'Fysisk aktivitet', paragraf: 'SEL104' },
  { kode: 'SEL104.SANSE', navn: 'Sansestimulerende aktivitet', paragraf: 'SEL104' },
  { kode: 'SEL104.KREATIV', navn: 'Kreativ aktivitet', paragraf: 'SEL104' },
  { kode: 'SEL104.KOMPETENCE', navn: 'Kompetenceudviklende aktivitet', paragraf: 'SEL104' },
  { kode: 'SEL103.SERVICE', navn: 'Service', paragraf: 'SEL103' },
  { kode: 'SEL103.PRODUKTION', navn: 'Produktion og værksted', paragraf: 'SEL103' },
  { kode: 'SEL103.PRAKTIK', navn: 'Praktikforløb', paragraf: 'SEL103' },
  { kode: 'SEL107.AKUT', navn: 'Akut ophold', paragraf: 'SEL107' },
  { kode: 'SEL107.MIDLERTIDIGT', navn: 'Midlertidigt ophold', paragraf: 'SEL107' },
  { kode: 'SEL108.LAENGEREVARENDE', navn: 'Længerevarende ophold', paragraf: 'SEL108' },
  { kode: 'SEL110.OPHOLD', navn: 'Ophold på forsorgshjem', paragraf: 'SEL110' },
  { kode: 'SEL109.OPHOLD', navn: 'Ophold på krisecenter', paragraf: 'SEL109' },
  { kode: 'SEL97.LEDSAGELSE', navn: 'Ledsagelse 15 timer om måneden', paragraf: 'SEL97' },
  { kode: 'SEL98.KONTAKTPERSON', navn: 'Kontaktperson for døvblinde', paragraf: 'SEL98' },
  { kode: 'SEL102.BEHANDLING', navn: 'Behandling (psykolog, fysioterapi m.v.)', paragraf: 'SEL102' },
  { kode: 'SEL83.PRAKTISK', navn: 'Praktisk hjælp', paragraf: 'SEL83' },
  { kode: 'SEL83.PLEJE', navn: 'Personlig pleje', paragraf: 'SEL83' },
  { kode: 'SEL82B.GRUPPE', navn: 'Gruppebaseret hjælp', paragraf: 'SEL82B' },
  { kode: 'SEL95.TILSKUD', navn: 'Kontant tilskud til hjælp', paragraf: 'SEL95' },
  { kode: 'SEL96.BPA', navn: 'Borgerstyret personlig assistance', paragraf: 'SEL96' },
];

export function ydelserForParagraf(paragraf: string): Ydelse[] {
  return YDELSER.filter((y) => y.paragraf === paragraf);
}

export function ydelseByKode(kode: string): Ydelse | undefined {
  return YDELSER.find((y) => y.kode === kode);
}
