import type { IndsatsRow, KontraktRow } from '../../simulators/model';
import { toOere } from '../../src/domain/money';
import { UGER_PR_MAANED_DENOMINATOR, UGER_PR_MAANED_NUMERATOR } from '../../src/domain/codes';
import { addDays, addMonths, firstOfMonth, lastOfMonth, daysBetween } from '../../src/domain/dates';

/**
 * An independent statement of the payment rules (not the generator's code): a per-citizen-settled indsats
 * is paid once per month it ran inside the payment window, the economy contract's monthly amount
 * prorated by calendar days (half up), and a monthly price is VUM 2.0 ID 45 × ID 48, weekly volumes
 * turned into months with 52/12 weeks.
 */
export function halfUp(num: number, den: number): number {
  return num < 0 ? -Math.floor((-2 * num + den) / (2 * den)) : Math.floor((2 * num + den) / (2 * den));
}

export function monthlyPriceOere(antalEnheder: number, frekvens: 'UGE' | 'MAANED', enhedspris: string): number {
  const hundredths = Math.round(antalEnheder * 100);
  const base = hundredths * toOere(enhedspris);
  return frekvens === 'UGE' ? halfUp(base * UGER_PR_MAANED_NUMERATOR, 100 * UGER_PR_MAANED_DENOMINATOR) : halfUp(base, 100);
}

export interface ExpectedPayment {
  periode_fra: string;
  periode_til: string;
  oere: number;
}

/** Months of the payment window: the `months` months before asOf's month. */
export function paymentWindow(asOf: string, months: number): { first: string; last: string } {
  const first = addMonths(firstOfMonth(asOf), -months);
  return { first, last: addDays(firstOfMonth(asOf), -1) };
}

export function expectedPayments(i: IndsatsRow, contracts: readonly KontraktRow[], window: { first: string; last: string }): ExpectedPayment[] {
  if (!i.faktisk_start) return [];
  const out: ExpectedPayment[] = [];
  const end = i.faktisk_slut && i.faktisk_slut < window.last ? i.faktisk_slut : window.last;
  for (let month = firstOfMonth(i.faktisk_start > window.first ? i.faktisk_start : window.first); month <= end; month = addMonths(month, 1)) {
    const from = i.faktisk_start > month ? i.faktisk_start : month;
    const monthEnd = lastOfMonth(month);
    const to = monthEnd < end ? monthEnd : end;
    const k = contracts.find((c) => c.gyldig_fra <= from && (c.gyldig_til === null || c.gyldig_til >= from));
    if (!k) throw new Error(`no contract for indsats ${i.indsats_id} in ${month}`);
    const days = daysBetween(from, to) + 1;
    const dim = daysBetween(month, monthEnd) + 1;
    const monthly = toOere(k.beloeb_pr_maaned);
    out.push({ periode_fra: from, periode_til: to, oere: days === dim ? monthly : halfUp(monthly * days, dim) });
  }
  return out;
}
