import type { NyAfvigelse } from './types';

/**
 * OVERLAPPENDE_YDELSER (seed 003, "potentielt overlappende ydelser"): a citizen's § 85 socialpædagogisk
 * støtte running at the same time as an ABL § 105 / SEL § 107 / § 108 housing offer, whose staff normally
 * already give that support — possibly paid twice. One afvigelse per pair, owned by the § 85 indsats.
 * Pure: the job hands it the indsats and the citizen's other indsatser.
 */
export const OVERLAP_PARAGRAFFER: ReadonlySet<string> = new Set(['ABL105', 'SEL107', 'SEL108']);

export interface OverlapIndsats {
  indsatsId: number;
  borgerId: number;
  leverandoerId: number;
  paragraf: string;
  start: string;
  /** inclusive; null = open */
  slut: string | null;
}

export function overlapAfvigelser(i: OverlapIndsats, citizensIndsatser: readonly OverlapIndsats[]): NyAfvigelse[] {
  if (i.paragraf !== 'SEL85') return [];
  const out: NyAfvigelse[] = [];
  for (const o of citizensIndsatser) {
    if (o.indsatsId === i.indsatsId || !OVERLAP_PARAGRAFFER.has(o.paragraf)) continue;
    if (i.start > (o.slut ?? '9999-12-31') || o.start > (i.slut ?? '9999-12-31')) continue;
    const fra = i.start > o.start ? i.start : o.start;
    const til = i.slut === null ? o.slut : o.slut === null ? i.slut : i.slut < o.slut ? i.slut : o.slut;
    out.push({
      omfang: 'INDSATS',
      noegle: `OVERLAPPENDE_YDELSER:${i.indsatsId}:${o.indsatsId}`,
      art: 'OVERLAPPENDE_YDELSER',
      indsatsId: i.indsatsId,
      borgerId: i.borgerId,
      leverandoerId: i.leverandoerId,
      maaned: `${fra.slice(0, 7)}-01`,
      felt: 'paragraf',
      detaljer: { kombination: `SEL85+${o.paragraf}`, andenIndsats: o.indsatsId, fra, til },
    });
  }
  return out;
}
