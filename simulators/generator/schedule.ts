import type { GeneratorContext } from './context';
import { type Indsats, type PricePeriod, isSettled } from './world';
import { daysInMonth, monthEnd, monthOfDay, monthStart, yearOfDay } from './days';
import { prorateOere } from './prices';

/**
 * What the economy should pay for an indsats: one line per month it ran inside the payment window, the
 * economy contract's monthly amount prorated by the days it ran that month. This is the "contract" side
 * of the ground truth's actual-vs-contract comparison (FAKTISK_AFVIGER).
 */
export interface ScheduledMonth {
  month: number;
  fromDay: number;
  toDay: number;
  period: PricePeriod;
  oere: number;
}

export function periodForYear(i: Indsats, aar: number): PricePeriod {
  const p = i.periods.find((x) => x.aar === aar);
  if (!p) throw new Error(`indsats ${i.row.indsats_id} has no price period in ${aar}`);
  return p;
}

export function schedule(ctx: GeneratorContext, i: Indsats): ScheduledMonth[] {
  if (!isSettled(i) || i.startDay === null) return [];
  const first = Math.max(ctx.firstPaidMonth, monthOfDay(i.startDay));
  const last = Math.min(ctx.lastPaidMonth, i.endDay === null ? ctx.lastPaidMonth : monthOfDay(i.endDay));
  const out: ScheduledMonth[] = [];
  for (let m = first; m <= last; m++) {
    const fromDay = Math.max(monthStart(m), i.startDay);
    const toDay = Math.min(monthEnd(m), i.endDay ?? monthEnd(m));
    const period = periodForYear(i, yearOfDay(fromDay));
    out.push({ month: m, fromDay, toDay, period, oere: prorateOere(period.oekonomiOere, toDay - fromDay + 1, daysInMonth(m)) });
  }
  return out;
}

export function sumOere(xs: readonly { oere: number }[]): number {
  let s = 0;
  for (const x of xs) s += x.oere;
  return s;
}
