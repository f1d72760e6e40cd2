import { describe, it, expect } from 'vitest';
import { generateMunicipality } from '../../simulators/generator';
import { toOere } from '../../src/domain/money';

/** Budget corrections as a real ERP has them: deterministic, inside the year and before asOf, omplaceringer net zero. */
describe('budget corrections', () => {
  const m = generateMunicipality({ preset: 'test', seed: 3 });

  it('are deterministic and leave everything else as it was', () => {
    const again = generateMunicipality({ preset: 'test', seed: 3 });
    expect(again.oekonomi.budgetkorrektioner).toEqual(m.oekonomi.budgetkorrektioner);
    expect(again.oekonomi.budgetter).toEqual(m.oekonomi.budgetter);
  });

  it('have every kind, lie inside their year before asOf, on accounts with a budget, and omplaceringer net to zero', () => {
    const kinds = new Set(m.oekonomi.budgetkorrektioner.map((k) => k.art));
    expect([...kinds].sort()).toEqual(['BESPARELSE', 'OMPLACERING', 'TILLAEGSBEVILLING']);
    const budgets = new Set(m.oekonomi.budgetter.map((b) => `${b.konto}|${b.aar}`));
    for (const k of m.oekonomi.budgetkorrektioner) {
      expect(k.dato.slice(0, 4)).toBe(String(k.aar));
      expect(k.dato < m.asOf).toBe(true);
      expect(budgets.has(`${k.konto}|${k.aar}`)).toBe(true);
      expect(Math.abs(toOere(k.beloeb) % 100_000)).toBe(0); // whole thousands of kroner
      if (k.art === 'TILLAEGSBEVILLING') expect(toOere(k.beloeb)).toBeGreaterThan(0);
      if (k.art === 'BESPARELSE') expect(toOere(k.beloeb)).toBeLessThan(0);
    }
    const omp = m.oekonomi.budgetkorrektioner.filter((k) => k.art === 'OMPLACERING');
    expect(omp.reduce((a, k) => a + toOere(k.beloeb), 0)).toBe(0);
    expect(new Set(m.oekonomi.budgetkorrektioner.map((k) => k.korrektion_nr)).size).toBe(m.oekonomi.budgetkorrektioner.length);
  });
});
