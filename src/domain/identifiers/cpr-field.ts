/**
 * A CPR field as typed into the economy system: separators dropped, and a 9-digit value (a spreadsheet
 * export that read the number as a number and lost the leading zero) padded back. `rettet` says the value
 * had to be repaired. Whether it is a valid CPR, and whose, is the caller's question.
 */
export function normaliseCprField(value: string): { cpr: string; rettet: boolean } | null {
  const digits = value.replace(/[\s\-\u2010-\u2015\u2212./]/g, '');
  if (!/^\d+$/.test(digits)) return null;
  if (digits.length === 10) return { cpr: digits, rettet: false };
  if (digits.length === 9) return { cpr: `0${digits}`, rettet: true };
  return null;
}
