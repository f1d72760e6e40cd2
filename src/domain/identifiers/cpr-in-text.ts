import { checkCpr, type Cpr } from './cpr';

/**
 * Every spelling of a CPR number economy staff type into a posting text (issue 11): `DDMMYYSSSS`,
 * `DDMMYY-SSSS`, with a space (`DDMMYY SSSS`), an en or em dash, a slash or a dot between the halves, and
 * after prefixes such as "cpr.nr.", "CPR-nr.:" or "cpr nr" (the prefix needs no rule of its own: the digits
 * after it are found either way). A candidate counts only when its first six digits are a valid date for
 * the century its 7th digit gives; whether it names a known citizen is the caller's question.
 *
 * Stand-in until the privacy area's shared CPR-in-text detector lands in src/domain; callers use only
 * `findCprSpellingsInText`, so switching is one import.
 */
const SPELLINGS = /(?<![\d])(\d{6})[ \t]?[-\u2010\u2011\u2012\u2013\u2014\u2212/.]?[ \t]?(\d{4})(?![\d])/g;

export function findCprSpellingsInText(text: string): Cpr[] {
  const found: Cpr[] = [];
  for (const m of text.matchAll(SPELLINGS)) {
    const c = checkCpr(`${m[1]}${m[2]}`);
    if (c.cpr && !found.includes(c.cpr)) found.push(c.cpr);
  }
  return found;
}

/**
 * A CPR field as typed: separators dropped, and a 9-digit value (a spreadsheet export that read the number
 * as a number and lost the leading zero) padded back. `rettet` says the value had to be repaired.
 */
export function normaliseCprField(value: string): { cpr: string; rettet: boolean } | null {
  const digits = value.replace(/[\s\-\u2010-\u2014\u2212./]/g, '');
  if (!/^\d+$/.test(digits)) return null;
  if (digits.length === 10) return { cpr: digits, rettet: false };
  if (digits.length === 9) return { cpr: `0${digits}`, rettet: true };
  return null;
}
