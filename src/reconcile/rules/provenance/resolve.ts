import type { Attribut, Kildesystem, PrecedencePolicy } from '../../../domain/provenance-policy';

/**
 * One attribute as every source holds it, the value the precedence policy chooses, and whether the sources
 * disagree. A source that is unavailable or has no value is listed with `vaerdi: null` and never chosen.
 */
export interface Kildevaerdi {
  kilde: Kildesystem;
  vaerdi: string | null;
  /** the source's own time for the value (Tilbudsportalen's `opdateret`, a bestilling's date), if it has one */
  tidspunkt: string | null;
  /** when the gateway read it */
  hentet: string;
  /** the record in the source (e.g. "bestilling 17", "tilbud 2101/50011", "P-nummer 1012345678") */
  reference: string | null;
  /** the source could not be asked (down, timed out): null is not "no value" */
  utilgaengelig?: boolean;
}

export interface AttributProveniens {
  attribut: Attribut;
  vaerdier: Kildevaerdi[];
  valgt: Kildevaerdi | null;
  konflikt: boolean;
  politik: readonly Kildesystem[];
}

/**
 * Two values are the same when they differ only in case or spacing. Spelling is a difference: a street
 * typed without æ/ø/å in one register is exactly what economy staff need to see.
 */
export function sameValue(a: string, b: string): boolean {
  return normaliseForComparison(a) === normaliseForComparison(b);
}

export function normaliseForComparison(v: string): string {
  return v
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/\s*,\s*/g, ', ')
    .trim();
}

export function conflictIn(values: readonly (string | null)[]): boolean {
  const present = [...new Set(values.filter((v): v is string => v !== null).map(normaliseForComparison))];
  return present.length > 1;
}

export function resolveAttribute(attribut: Attribut, vaerdier: readonly Kildevaerdi[], policy: PrecedencePolicy): AttributProveniens {
  const order = policy[attribut];
  const rank = (k: Kildesystem) => {
    const i = order.indexOf(k);
    return i < 0 ? order.length : i;
  };
  const sorted = [...vaerdier].sort((a, b) => rank(a.kilde) - rank(b.kilde));
  const valgt = sorted.find((v) => v.vaerdi !== null) ?? null;
  return { attribut, vaerdier: sorted, valgt, konflikt: conflictIn(vaerdier.map((v) => v.vaerdi)), politik: order };
}

export function formatAdresse(a: { adresse: string; postnummer: string; bynavn: string }): string {
  return `${a.adresse}, ${a.postnummer} ${a.bynavn}`;
}
