/**
 * FFB målgrupper (VUM 2.0 ID 60 "Borgerens målgruppe"): a hierarchy of three main groups and subgroups.
 * A code's parent is the part before its last dot.
 */
export interface Maalgruppe {
  kode: string;
  navn: string;
  overordnet: string | null;
}

const M = (kode: string, navn: string): Maalgruppe => ({
  kode,
  navn,
  overordnet: kode.includes('.') ? kode.slice(0, kode.lastIndexOf('.')) : null,
});

export const MAALGRUPPER: readonly Maalgruppe[] = [
  M('FYS', 'Fysisk funktionsnedsættelse'),
  M('FYS.DOEVBLIND', 'Døvblindhed'),
  M('FYS.HOERE', 'Hørenedsættelse'),
  M('FYS.SYN', 'Synsnedsættelse'),
  M('FYS.MOBILITET', 'Mobilitetsnedsættelse'),
  M('FYS.ERHVERVET_HJERNESKADE', 'Erhvervet hjerneskade'),
  M('PSY', 'Psykisk funktionsnedsættelse'),
  M('PSY.UDVIKLING', 'Udviklingsforstyrrelse'),
  M('PSY.INTELLEKTUEL', 'Intellektuel funktionsnedsættelse'),
  M('PSY.ANGST', 'Angst'),
  M('PSY.DEPRESSION', 'Depression'),
  M('PSY.SKIZOFRENI', 'Skizofreni'),
  M('PSY.PERSONLIGHED', 'Personlighedsforstyrrelse'),
  M('SOC', 'Socialt problem'),
  M('SOC.MISBRUG', 'Misbrug'),
  M('SOC.HJEMLOESHED', 'Hjemløshed'),
  M('SOC.ISOLATION', 'Isolation'),
  M('SOC.VOLD', 'Vold i nære relationer'),
];

export function maalgruppeByKode(kode: string): Maalgruppe | undefined {
  return MAALGRUPPER.find((m) => m.kode === kode);
}
