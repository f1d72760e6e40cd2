/**
 * Small-cell suppression (Danmarks Statistik's discretion practice): for roles that see citizens only by
 * pseudonym, a group with fewer than `graense` (default 5) distinct citizens is not shown — its values and
 * its citizen count are null and it is marked suppressed. When exactly one group would be suppressed, the
 * next smallest group is suppressed too (complementary suppression), so the hidden cell cannot be found as
 * the total minus the others. Groups of zero citizens (e.g. postings on accounts not booked per person)
 * hold no person and are shown.
 */
export interface Celle {
  antalBorgere: number | null;
  vaerdier: Array<string | null>;
  undertrykt: boolean;
}

export const STANDARD_GRAENSE = 5;

export function isSmall(n: number | null, graense: number): boolean {
  return n !== null && n > 0 && n < graense;
}

/** Suppresses in place; returns how many cells were suppressed. */
export function suppress(grupper: Celle[], total: Celle | null, graense: number): number {
  let n = 0;
  const hide = (c: Celle) => {
    if (c.undertrykt) return;
    c.undertrykt = true;
    c.vaerdier = c.vaerdier.map(() => null);
    c.antalBorgere = null;
    n++;
  };
  const small = grupper.filter((g) => isSmall(g.antalBorgere, graense));
  for (const g of small) hide(g);
  if (small.length === 1 && grupper.length > 1) {
    const next = grupper.filter((g) => !g.undertrykt && (g.antalBorgere ?? 0) > 0).sort((a, b) => (a.antalBorgere ?? 0) - (b.antalBorgere ?? 0))[0];
    if (next) hide(next);
  }
  if (total && isSmall(total.antalBorgere, graense)) hide(total);
  return n;
}
