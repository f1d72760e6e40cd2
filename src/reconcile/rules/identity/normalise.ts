/**
 * Comparable forms of names and addresses typed in different systems: case, accents (æ/ø/å folded the
 * way KOMBIT folds them), punctuation and runs of spaces do not make two values different.
 */
export function comparable(value: string | null | undefined): string {
  return (value ?? '')
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[.,;:'"()/\\-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function sameAddress(a: { adresse: string; postnummer: string }, b: { adresse: string; postnummer: string }): boolean {
  return comparable(a.adresse) === comparable(b.adresse) && a.postnummer.trim() === b.postnummer.trim();
}
