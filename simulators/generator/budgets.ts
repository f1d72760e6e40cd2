import type { BudgetRow, PosteringRow } from '../model';
import { fromOere } from '../../src/domain/money';
import { divRound, oereOfCanonical } from './prices';
import type { GeneratorContext } from './context';

/**
 * Budgets per account and year, as the economy department would have set them: roughly the year's
 * spending (extrapolated to twelve months where the payment window covers only part of the year),
 * 8 % over or under, in whole thousands of kroner — so forbrugsprocent lands between ~90 and ~110.
 */
export function generateBudgets(ctx: GeneratorContext, postings: readonly PosteringRow[]): BudgetRow[] {
  const rng = ctx.rng.fork('budgetter');
  const sums = new Map<string, number>();
  for (const p of postings) {
    const key = `${p.konto}|${p.periode_fra.slice(0, 4)}`;
    sums.set(key, (sums.get(key) ?? 0) + oereOfCanonical(p.beloeb));
  }
  const monthsInYear = (aar: number) => {
    let n = 0;
    for (let m = ctx.firstPaidMonth; m <= ctx.lastPaidMonth; m++) if (Math.floor(m / 12) === aar) n++;
    return n;
  };
  const out: BudgetRow[] = [];
  for (const key of [...sums.keys()].sort()) {
    const [konto, aarText] = key.split('|') as [string, string];
    const aar = Number(aarText);
    const months = monthsInYear(aar);
    const sum = sums.get(key)!;
    if (months === 0 || sum <= 0) continue;
    const estimate = divRound(sum * 12, months);
    const thousands = divRound(divRound(estimate * rng.int(920, 1080), 1000), 100_000);
    out.push({ konto, aar, beloeb: fromOere(Math.max(1, thousands) * 100_000) });
  }
  return out;
}
