import type { BudgetkorrektionRow, BudgetRow } from '../model';
import { fromOere, toOere } from '../../src/domain/money';
import type { GeneratorContext } from './context';
import { divRound } from './prices';

/**
 * The corrections a real ERP's budget gets during the year (korrigeret budget = oprindeligt budget + these):
 * tillægsbevillinger (the city council adds money, often after the half-year forecast), besparelser
 * (negative) and omplaceringer (money moved between two accounts: one minus, one plus, same date and
 * reference). Dated inside the year and before asOf, in whole thousands of kroner. Deterministic: its own
 * random stream, so the rest of the municipality is unchanged by it.
 */
export function generateBudgetCorrections(ctx: GeneratorContext, budgets: readonly BudgetRow[]): BudgetkorrektionRow[] {
  const rng = ctx.rng.fork('budgetkorrektioner');
  const out: BudgetkorrektionRow[] = [];
  const dayIn = (aar: number) => {
    const last = Math.min(Number(ctx.asOf.slice(0, 4)) === aar ? Number(ctx.asOf.slice(5, 7)) - 1 : 12, 12);
    if (last < 1) return null;
    const m = rng.int(Math.min(3, last), last);
    return `${aar}-${String(m).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
  };
  const byYear = new Map<number, BudgetRow[]>();
  for (const b of budgets) byYear.set(b.aar, [...(byYear.get(b.aar) ?? []), b]);
  let nr = 0;
  const push = (b: BudgetRow, dato: string, oere: number, art: BudgetkorrektionRow['art'], tekst: string) => {
    nr++;
    out.push({ korrektion_nr: `BK${b.aar}-${String(nr).padStart(5, '0')}`, konto: b.konto, aar: b.aar, dato, art, beloeb: fromOere(oere), tekst });
  };
  for (const aar of [...byYear.keys()].sort()) {
    const lines = byYear.get(aar)!;
    for (const b of lines) {
      const base = toOere(b.beloeb);
      if (rng.chance(0.35)) {
        const dato = dayIn(aar);
        if (dato)
          push(
            b,
            dato,
            divRound(divRound(base * rng.int(20, 80), 1000), 100_000) * 100_000 || 100_000,
            'TILLAEGSBEVILLING',
            `Tillægsbevilling ${aar}, byrådsbeslutning`,
          );
      }
      if (rng.chance(0.15)) {
        const dato = dayIn(aar);
        if (dato) push(b, dato, -(divRound(divRound(base * rng.int(10, 40), 1000), 100_000) * 100_000 || 100_000), 'BESPARELSE', `Budgetreduktion ${aar}`);
      }
    }
    // omplaceringer: pairs of accounts, the same amount out of one and into the other
    const pairs = Math.floor(lines.length / 4);
    for (let k = 0; k < pairs; k++) {
      const from = rng.pick(lines);
      const to = rng.pick(lines);
      const dato = dayIn(aar);
      if (from.konto === to.konto || !dato) continue;
      const oere = rng.int(1, 20) * 100_000;
      push(from, dato, -oere, 'OMPLACERING', `Omplacering til ${to.konto}`);
      push(to, dato, oere, 'OMPLACERING', `Omplacering fra ${from.konto}`);
    }
  }
  return out;
}
