/**
 * The kinds of offers providers run: which Tilbudstype (VUM 2.0 ID 36) and paragraphs they serve, what
 * their units are called, and whether they are registered in Tilbudsportalen (which covers the offers
 * under SEL §§ 85, 103, 104, 107, 108, 110 and ABL § 105; not BPA, ledsagelse, behandling or hjemmehjælp).
 */
export interface OfferKind {
  kode: string;
  tilbudstype: string;
  paragraffer: readonly string[];
  prefixes: readonly string[];
  inTilbudsportalen: boolean;
  /** Målgrupper (VUM 2.0 ID 60) the offer typically serves. */
  maalgrupper: readonly string[];
  pladser: readonly [number, number];
}

export const OFFER_KINDS = {
  BOSTOETTE: {
    kode: 'BOSTOETTE',
    tilbudstype: 'MOBILT',
    paragraffer: ['SEL85'],
    prefixes: ['Bostøtten', 'Støttecentret', 'Mobilteamet'],
    inTilbudsportalen: true,
    maalgrupper: ['PSY.ANGST', 'PSY.DEPRESSION', 'PSY.UDVIKLING', 'SOC.ISOLATION', 'PSY.SKIZOFRENI'],
    pladser: [20, 120],
  },
  LEDSAGELSE: {
    kode: 'LEDSAGELSE',
    tilbudstype: 'MOBILT',
    paragraffer: ['SEL97', 'SEL98'],
    prefixes: ['Ledsagerordningen', 'Ledsagerteamet'],
    inTilbudsportalen: false,
    maalgrupper: ['FYS.MOBILITET', 'FYS.SYN', 'PSY.INTELLEKTUEL'],
    pladser: [10, 60],
  },
  BEHANDLING: {
    kode: 'BEHANDLING',
    tilbudstype: 'MOBILT',
    paragraffer: ['SEL102'],
    prefixes: ['Behandlingscentret', 'Psykologhuset', 'Terapihuset'],
    inTilbudsportalen: false,
    maalgrupper: ['PSY.ANGST', 'PSY.DEPRESSION', 'FYS.ERHVERVET_HJERNESKADE'],
    pladser: [10, 40],
  },
  MIDLERTIDIGT: {
    kode: 'MIDLERTIDIGT',
    tilbudstype: 'MIDLERTIDIGT_BOTILBUD',
    paragraffer: ['SEL107'],
    prefixes: ['Botilbuddet', 'Udredningsenheden', 'Bostedet'],
    inTilbudsportalen: true,
    maalgrupper: ['PSY.SKIZOFRENI', 'PSY.PERSONLIGHED', 'FYS.ERHVERVET_HJERNESKADE', 'SOC.MISBRUG'],
    pladser: [6, 24],
  },
  LAENGEREVARENDE: {
    kode: 'LAENGEREVARENDE',
    tilbudstype: 'LAENGEREVARENDE_BOTILBUD',
    paragraffer: ['SEL108'],
    prefixes: ['Bostedet', 'Botilbuddet', 'Bo- og Aktivitetscentret'],
    inTilbudsportalen: true,
    maalgrupper: ['PSY.INTELLEKTUEL', 'PSY.UDVIKLING', 'FYS.ERHVERVET_HJERNESKADE', 'FYS.DOEVBLIND'],
    pladser: [8, 40],
  },
  ABL105: {
    kode: 'ABL105',
    tilbudstype: 'BOTILBUDSLIGNENDE',
    paragraffer: ['ABL105'],
    prefixes: ['Bofællesskabet', 'Opgangsfællesskabet', 'Boligerne'],
    inTilbudsportalen: true,
    maalgrupper: ['PSY.UDVIKLING', 'PSY.INTELLEKTUEL', 'PSY.SKIZOFRENI'],
    pladser: [6, 30],
  },
  BESKYTTET: {
    kode: 'BESKYTTET',
    tilbudstype: 'BESKYTTET_BESKAEFTIGELSE',
    paragraffer: ['SEL103'],
    prefixes: ['Værkstedet', 'Virksomheden', 'Produktionshuset'],
    inTilbudsportalen: true,
    maalgrupper: ['PSY.INTELLEKTUEL', 'PSY.UDVIKLING', 'FYS.ERHVERVET_HJERNESKADE'],
    pladser: [15, 80],
  },
  AKTIVITET: {
    kode: 'AKTIVITET',
    tilbudstype: 'AKTIVITET_SAMVAER',
    paragraffer: ['SEL104'],
    prefixes: ['Aktivitetshuset', 'Dagtilbuddet', 'Værestedet'],
    inTilbudsportalen: true,
    maalgrupper: ['PSY.INTELLEKTUEL', 'SOC.ISOLATION', 'PSY.SKIZOFRENI', 'FYS.ERHVERVET_HJERNESKADE'],
    pladser: [15, 80],
  },
  FORSORG: {
    kode: 'FORSORG',
    tilbudstype: 'FORSORGSHJEM',
    paragraffer: ['SEL110'],
    prefixes: ['Herberget', 'Forsorgshjemmet'],
    inTilbudsportalen: true,
    maalgrupper: ['SOC.HJEMLOESHED', 'SOC.MISBRUG'],
    pladser: [10, 50],
  },
  BPA: {
    kode: 'BPA',
    tilbudstype: 'KONTANT',
    paragraffer: ['SEL96'],
    prefixes: ['Hjælperordningen', 'BPA-centret'],
    inTilbudsportalen: false,
    maalgrupper: ['FYS.MOBILITET', 'FYS.ERHVERVET_HJERNESKADE'],
    pladser: [5, 30],
  },
  HJEMMEPLEJE: {
    kode: 'HJEMMEPLEJE',
    tilbudstype: 'HJEMMEHJAELP',
    paragraffer: ['SEL83', 'SEL82B'],
    prefixes: ['Hjemmeplejen', 'Gruppeforløbene'],
    inTilbudsportalen: false,
    maalgrupper: ['FYS.MOBILITET', 'PSY.ANGST'],
    pladser: [50, 300],
  },
} as const satisfies Record<string, OfferKind>;

export type OfferKindCode = keyof typeof OFFER_KINDS;

/** Municipal units, in the order a municipality's preset cycles through them (settled per citizen or not). */
export const INTERNAL_TEMPLATES: readonly { kind: OfferKindCode; afregnesPrBorger: boolean }[] = [
  { kind: 'HJEMMEPLEJE', afregnesPrBorger: false },
  { kind: 'BOSTOETTE', afregnesPrBorger: false },
  { kind: 'LAENGEREVARENDE', afregnesPrBorger: true },
  { kind: 'AKTIVITET', afregnesPrBorger: false },
  { kind: 'BESKYTTET', afregnesPrBorger: true },
  { kind: 'MIDLERTIDIGT', afregnesPrBorger: true },
  { kind: 'ABL105', afregnesPrBorger: false },
  { kind: 'LEDSAGELSE', afregnesPrBorger: false },
  { kind: 'BOSTOETTE', afregnesPrBorger: false },
  { kind: 'LAENGEREVARENDE', afregnesPrBorger: true },
];

/** External companies: the first cycle covers every kind, then kinds are drawn by weight. */
export const EXTERNAL_WEIGHTS: readonly (readonly [OfferKindCode, number])[] = [
  ['BOSTOETTE', 24],
  ['LAENGEREVARENDE', 16],
  ['MIDLERTIDIGT', 10],
  ['ABL105', 8],
  ['BESKYTTET', 9],
  ['AKTIVITET', 10],
  ['FORSORG', 4],
  ['BEHANDLING', 6],
  ['LEDSAGELSE', 5],
  ['BPA', 7],
];
