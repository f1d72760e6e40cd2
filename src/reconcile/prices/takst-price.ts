import type { Indsats, Takst } from '../../domain/model';
import { toOere, roundOere } from '../../domain/money';

/**
 * The Tilbudsportalen takst comparable to a monthly kontraktpris: for the indsats' paragraph in the given
 * year, preferring a takst published for one of the indsats' ydelser over one for the whole offer. A daily
 * takst (DOEGN) is turned into a month as 365/12 days; an hourly takst has no monthly equivalent without
 * the indsats' hours, so it is multiplied by the expected hours per month.
 */
export function monthlyTakst(opts: {
  takster: readonly Takst[];
  aar: number;
  indsats: Pick<Indsats, 'paragraf' | 'antalEnheder' | 'ydelsesfrekvens'>;
  ydelseskoder: readonly string[];
}): number | null {
  const candidates = opts.takster.filter((t) => t.aar === opts.aar && t.paragraf === opts.indsats.paragraf);
  const chosen = candidates.find((t) => t.ydelseskode !== null && opts.ydelseskoder.includes(t.ydelseskode)) ?? candidates.find((t) => t.ydelseskode === null);
  if (!chosen) return null;
  const takst = toOere(chosen.takst);
  switch (chosen.enhed) {
    case 'MAANED':
      return takst;
    case 'DOEGN':
      return roundOere((takst * 365) / 12);
    case 'TIME': {
      const hoursHundredths = toOere(opts.indsats.antalEnheder);
      const perPeriod = (takst * hoursHundredths) / 100;
      return roundOere(opts.indsats.ydelsesfrekvens === 'UGE' ? (perPeriod * 52) / 12 : perPeriod);
    }
  }
}
