/**
 * The legal bases (bevillingsparagraf, VUM 2.0 ID 66) of the specialised adult social area, with the
 * kontoplan function (hovedfunktion 5.38, "Tilbud til voksne med særlige behov") that the economy system
 * books them on (VUM 2.0 ID 37 Kontonummer). Function numbers follow the municipal kontoplan as quoted in
 * FFB material (seed 003); `personhenfoert` says whether municipalities commonly book the account per
 * citizen (CPR on the posting) — the economy system carries CPR only there.
 */
export interface Paragraf {
  /** Stable code used across the project and in the schema, e.g. "SEL85", "ABL105". */
  kode: string;
  /** How a caseworker writes it. */
  betegnelse: string;
  lov: 'serviceloven' | 'almenboligloven';
  beskrivelse: string;
  /** Kontoplan function the payments are booked on. */
  konto: string;
  kontotekst: string;
  personhenfoert: boolean;
}

export const PARAGRAFFER: readonly Paragraf[] = [
  {
    kode: 'SEL82B',
    betegnelse: 'SEL § 82 b',
    lov: 'serviceloven',
    beskrivelse: 'Tidligt forebyggende gruppebaseret hjælp',
    konto: '5.38.35',
    kontotekst: 'Rådgivning og rådgivningsinstitutioner',
    personhenfoert: false,
  },
  {
    kode: 'SEL83',
    betegnelse: 'SEL § 83',
    lov: 'serviceloven',
    beskrivelse: 'Personlig hjælp, pleje og praktisk hjælp',
    konto: '5.38.38',
    kontotekst: 'Personlig støtte og pasning af personer med handicap mv.',
    personhenfoert: false,
  },
  {
    kode: 'SEL85',
    betegnelse: 'SEL § 85',
    lov: 'serviceloven',
    beskrivelse: 'Socialpædagogisk støtte',
    konto: '5.38.39',
    kontotekst: 'Personlig støtte til personer med handicap mv. (§ 85)',
    personhenfoert: true,
  },
  {
    kode: 'SEL95',
    betegnelse: 'SEL § 95',
    lov: 'serviceloven',
    beskrivelse: 'Kontant tilskud til hjælp',
    konto: '5.38.38',
    kontotekst: 'Personlig støtte og pasning af personer med handicap mv.',
    personhenfoert: true,
  },
  {
    kode: 'SEL96',
    betegnelse: 'SEL § 96',
    lov: 'serviceloven',
    beskrivelse: 'Borgerstyret personlig assistance (BPA)',
    konto: '5.38.38',
    kontotekst: 'Personlig støtte og pasning af personer med handicap mv.',
    personhenfoert: true,
  },
  {
    kode: 'SEL97',
    betegnelse: 'SEL § 97',
    lov: 'serviceloven',
    beskrivelse: 'Ledsagelse',
    konto: '5.38.53',
    kontotekst: 'Kontaktperson- og ledsageordninger',
    personhenfoert: true,
  },
  {
    kode: 'SEL98',
    betegnelse: 'SEL § 98',
    lov: 'serviceloven',
    beskrivelse: 'Kontaktperson for døvblinde',
    konto: '5.38.53',
    kontotekst: 'Kontaktperson- og ledsageordninger',
    personhenfoert: true,
  },
  {
    kode: 'SEL102',
    betegnelse: 'SEL § 102',
    lov: 'serviceloven',
    beskrivelse: 'Behandling',
    konto: '5.38.38',
    kontotekst: 'Personlig støtte og pasning af personer med handicap mv.',
    personhenfoert: true,
  },
  {
    kode: 'SEL103',
    betegnelse: 'SEL § 103',
    lov: 'serviceloven',
    beskrivelse: 'Beskyttet beskæftigelse',
    konto: '5.38.58',
    kontotekst: 'Beskyttet beskæftigelse (§ 103)',
    personhenfoert: true,
  },
  {
    kode: 'SEL104',
    betegnelse: 'SEL § 104',
    lov: 'serviceloven',
    beskrivelse: 'Aktivitets- og samværstilbud',
    konto: '5.38.59',
    kontotekst: 'Aktivitets- og samværstilbud (§ 104)',
    personhenfoert: true,
  },
  {
    kode: 'SEL107',
    betegnelse: 'SEL § 107',
    lov: 'serviceloven',
    beskrivelse: 'Midlertidigt ophold i boformer',
    konto: '5.38.52',
    kontotekst: 'Botilbud til midlertidigt ophold (§ 107)',
    personhenfoert: true,
  },
  {
    kode: 'SEL108',
    betegnelse: 'SEL § 108',
    lov: 'serviceloven',
    beskrivelse: 'Længerevarende ophold i boformer',
    konto: '5.38.50',
    kontotekst: 'Botilbud til længerevarende ophold (§ 108)',
    personhenfoert: true,
  },
  {
    kode: 'SEL109',
    betegnelse: 'SEL § 109',
    lov: 'serviceloven',
    beskrivelse: 'Krisecentre for kvinder',
    konto: '5.38.42',
    kontotekst: 'Botilbud for personer med særlige sociale problemer (§§ 109-110)',
    personhenfoert: true,
  },
  {
    kode: 'SEL110',
    betegnelse: 'SEL § 110',
    lov: 'serviceloven',
    beskrivelse: 'Forsorgshjem og herberger',
    konto: '5.38.42',
    kontotekst: 'Botilbud for personer med særlige sociale problemer (§§ 109-110)',
    personhenfoert: true,
  },
  {
    kode: 'ABL105',
    betegnelse: 'ABL § 105 (+ SEL § 85)',
    lov: 'almenboligloven',
    beskrivelse: 'Almen ældre-/handicapbolig med socialpædagogisk støtte',
    konto: '5.38.39',
    kontotekst: 'Personlig støtte til personer med handicap mv. (§ 85)',
    personhenfoert: true,
  },
];

const BY_KODE = new Map(PARAGRAFFER.map((p) => [p.kode, p]));

export function paragrafByKode(kode: string): Paragraf | undefined {
  return BY_KODE.get(kode);
}

/** The paragraphs booked on a kontoplan function: the account → paragraph direction of payment matching. */
export function paragrafferForKonto(konto: string): Paragraf[] {
  return PARAGRAFFER.filter((p) => p.konto === konto);
}
