import type { Indsats, Takst } from '../../../domain/model';
import { daysInMonthOf, prorate, priceOn } from '../matching/amounts';
import type { PrisPeriode } from '../matching/types';
import { expectedPrice } from './expected-price';
import { monthlyTakst } from './takst-price';

/**
 * The four prices of one indsats, month by month, for the months it ran inside the reconciliation horizon
 * (the months the economy has paid: up to the last whole month before today). Each price is for the days
 * the indsats ran that month, prorated like the invoices are, so a month's prices add up over any grouping
 * and compare with what was paid:
 *   forventet          VUM 2.0 ID 51 per month (units × frequency × enhedspris)
 *   kontraktFagsystem  the bestilling valid on the first day of the month the indsats ran (ID 68)
 *   kontraktOekonomi   the economy contract linked to the indsats valid on that day (null: none linked)
 *   takst              Tilbudsportalen's takst of that year made monthly with the indsats' own volume
 */
export interface MaanedsPriser {
  /** first day of the month, YYYY-MM-01 */
  maaned: string;
  aar: number;
  dage: number;
  forventet: number | null;
  kontraktFagsystem: number | null;
  kontraktOekonomi: number | null;
  takst: number | null;
}

export interface MonthPriceInput {
  indsats: Pick<Indsats, 'paragraf' | 'antalEnheder' | 'ydelsesfrekvens' | 'ydelsesenhed' | 'gentagelser' | 'enhedspris' | 'forventetStart' | 'forventetSlut'>;
  start: string;
  slut: string | null;
  bestillinger: readonly PrisPeriode[];
  kontrakter: readonly PrisPeriode[];
  takster: readonly Takst[] | null;
  ydelseskoder: readonly string[];
  horizon: { fra: string; til: string };
}

export function* monthsBetween(fra: string, til: string): Generator<string> {
  let y = Number(fra.slice(0, 4));
  let m = Number(fra.slice(5, 7));
  const endKey = til.slice(0, 7);
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    if (key > endKey) return;
    yield `${key}-01`;
    if (++m > 12) {
      m = 1;
      y++;
    }
  }
}

export function monthPrices(input: MonthPriceInput): MaanedsPriser[] {
  const from = input.start > input.horizon.fra ? input.start : input.horizon.fra;
  const to = input.slut === null || input.slut > input.horizon.til ? input.horizon.til : input.slut;
  if (from > to) return [];
  let forventetPrMaaned: number | null = null;
  try {
    forventetPrMaaned = expectedPrice(input.indsats).prMaaned;
  } catch {
    forventetPrMaaned = null; // a scope the fagsystem holds in a form prices cannot be computed from
  }
  const takstByYear = new Map<number, number | null>();
  const out: MaanedsPriser[] = [];
  for (const maaned of monthsBetween(from, to)) {
    const monthEnd = `${maaned.slice(0, 8)}${String(daysInMonthOf(maaned)).padStart(2, '0')}`;
    const a = maaned < from ? from : maaned;
    const b = monthEnd > to ? to : monthEnd;
    const aar = Number(maaned.slice(0, 4));
    if (!takstByYear.has(aar)) {
      takstByYear.set(aar, input.takster ? monthlyTakst({ takster: input.takster, aar, indsats: input.indsats, ydelseskoder: input.ydelseskoder }) : null);
    }
    const on = (prices: readonly PrisPeriode[]) => {
      const p = priceOn(prices, a);
      return p === null ? null : prorate(p, a, b);
    };
    const takst = takstByYear.get(aar)!;
    out.push({
      maaned,
      aar,
      dage: Number(b.slice(8, 10)) - Number(a.slice(8, 10)) + 1,
      forventet: forventetPrMaaned === null ? null : prorate(forventetPrMaaned, a, b),
      kontraktFagsystem: on(input.bestillinger),
      kontraktOekonomi: input.kontrakter.length ? (on(input.kontrakter) ?? 0) : null,
      takst: takst === null ? null : prorate(takst, a, b),
    });
  }
  return out;
}
