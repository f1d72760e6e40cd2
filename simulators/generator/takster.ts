import type { TakstRecord } from '../model';
import type { GeneratorContext } from './context';
import type { ProviderUnit } from './providers';
import { yearOfDay } from './days';

/**
 * Each unit's price list: one takst per year, paragraph and (for § 107) ydelse, index-regulated every
 * 1 January (pris- og lønfremskrivning, 1.5–3.5 % a year). These are the prices contracts are made on;
 * Tilbudsportalen publishes them for units registered there (a planted TAKST_AFVIGER changes only the
 * published value). Levels are current-year DKK as municipalities pay them.
 */
export type Enhed = TakstRecord['enhed'];

interface Level {
  enhed: Enhed;
  min: number;
  max: number;
  /** MAANED prices are set in whole tens of kroner */
  step: number;
}

const LEVELS: Record<string, Level> = {
  SEL85: { enhed: 'TIME', min: 450, max: 650, step: 1 },
  ABL105: { enhed: 'TIME', min: 450, max: 650, step: 1 },
  SEL97: { enhed: 'TIME', min: 200, max: 300, step: 1 },
  SEL98: { enhed: 'TIME', min: 300, max: 400, step: 1 },
  SEL102: { enhed: 'TIME', min: 800, max: 1200, step: 1 },
  SEL96: { enhed: 'TIME', min: 280, max: 360, step: 1 },
  SEL83: { enhed: 'TIME', min: 350, max: 450, step: 1 },
  SEL107: { enhed: 'DOEGN', min: 1800, max: 3000, step: 1 },
  'SEL107:SEL107.AKUT': { enhed: 'DOEGN', min: 2800, max: 3500, step: 1 },
  SEL108: { enhed: 'DOEGN', min: 1800, max: 3500, step: 1 },
  SEL110: { enhed: 'DOEGN', min: 1100, max: 1700, step: 1 },
  SEL103: { enhed: 'MAANED', min: 3000, max: 7000, step: 10 },
  SEL104: { enhed: 'MAANED', min: 2500, max: 6000, step: 10 },
  SEL82B: { enhed: 'MAANED', min: 1500, max: 3000, step: 10 },
};

/** § 107 is priced per ydelse (akut vs midlertidigt ophold); every other paragraph has one takst. */
export const TAKST_PR_YDELSE: Readonly<Record<string, readonly string[]>> = {
  SEL107: ['SEL107.AKUT', 'SEL107.MIDLERTIDIGT'],
};

export function takstYdelse(paragraf: string, ydelseskode: string): string | null {
  return TAKST_PR_YDELSE[paragraf]?.includes(ydelseskode) ? ydelseskode : null;
}

export interface TakstTable {
  firstYear: number;
  lastYear: number;
  /** Takst in øre; throws when the unit does not price that paragraph. */
  get(leverandoerId: number, paragraf: string, ydelseskode: string | null, aar: number): number;
  /** All lines of one unit (the real price list, before any planted difference). */
  linesFor(leverandoerId: number): TakstRecord[];
}

const key = (l: number, p: string, y: string | null, aar: number) => `${l}|${p}|${y ?? ''}|${aar}`;

export function generateTakster(ctx: GeneratorContext, units: readonly ProviderUnit[]): TakstTable {
  const rng = ctx.rng.fork('takster');
  // next year's takster are published in the autumn, before bevillinger starting after asOf need them
  const lastYear = yearOfDay(ctx.asOfDay + 90);
  const firstYear = lastYear - ctx.preset.historikAar - 1;
  const values = new Map<string, number>();
  const lines = new Map<number, TakstRecord[]>();
  for (const u of units) {
    const list: TakstRecord[] = [];
    for (const paragraf of u.kind.paragraffer) {
      for (const ydelse of TAKST_PR_YDELSE[paragraf] ?? [null]) {
        const level = LEVELS[ydelse ? `${paragraf}:${ydelse}` : paragraf] ?? LEVELS[paragraf]!;
        // current level, then deflated year by year back to the first year of the history
        let kroner = Math.round(rng.int(level.min, level.max) / level.step) * level.step;
        for (let aar = lastYear; aar >= firstYear; aar--) {
          values.set(key(u.row.leverandoer_id, paragraf, ydelse, aar), kroner * 100);
          list.push({ aar, paragraf, ydelseskode: ydelse, enhed: level.enhed, takst: `${kroner}.00` });
          const growthPermille = rng.int(15, 35);
          kroner = Math.round((kroner * 1000) / (1000 + growthPermille) / level.step) * level.step;
        }
      }
    }
    list.sort((a, b) => a.aar - b.aar || a.paragraf.localeCompare(b.paragraf) || (a.ydelseskode ?? '').localeCompare(b.ydelseskode ?? ''));
    lines.set(u.row.leverandoer_id, list);
  }
  return {
    firstYear,
    lastYear,
    get(l, p, y, aar) {
      const v = values.get(key(l, p, y, aar));
      if (v === undefined) throw new Error(`no takst for unit ${l} ${p} ${y ?? ''} ${aar}`);
      return v;
    },
    linesFor: (l) => lines.get(l) ?? [],
  };
}
