/** Tilbudstyper as registered in Tilbudsportalen (FFB "tilbud", VUM 2.0 ID 36), with the paragraphs they serve. */
export interface Tilbudstype {
  kode: string;
  navn: string;
  paragraffer: readonly string[];
}

export const TILBUDSTYPER: readonly Tilbudstype[] = [
  { kode: 'MOBILT', navn: 'Mobilt (udgående) tilbud', paragraffer: ['SEL85', 'SEL97', 'SEL98', 'SEL102'] },
  { kode: 'MIDLERTIDIGT_BOTILBUD', navn: 'Midlertidigt botilbud', paragraffer: ['SEL107'] },
  { kode: 'LAENGEREVARENDE_BOTILBUD', navn: 'Længerevarende botilbud', paragraffer: ['SEL108'] },
  { kode: 'BOTILBUDSLIGNENDE', navn: 'Botilbudslignende tilbud', paragraffer: ['ABL105'] },
  { kode: 'BESKYTTET_BESKAEFTIGELSE', navn: 'Beskyttet beskæftigelsestilbud', paragraffer: ['SEL103'] },
  { kode: 'AKTIVITET_SAMVAER', navn: 'Aktivitets- og samværstilbud', paragraffer: ['SEL104'] },
  { kode: 'FORSORGSHJEM', navn: 'Forsorgshjem/herberg og krisecenter', paragraffer: ['SEL109', 'SEL110'] },
  { kode: 'HJEMMEHJAELP', navn: 'Personlig og praktisk hjælp i hjemmet', paragraffer: ['SEL83', 'SEL82B'] },
  { kode: 'KONTANT', navn: 'Kontant tilskud / BPA (ingen leverandør i Tilbudsportalen)', paragraffer: ['SEL95', 'SEL96'] },
];

export function tilbudstypeByKode(kode: string): Tilbudstype | undefined {
  return TILBUDSTYPER.find((t) => t.kode === kode);
}
