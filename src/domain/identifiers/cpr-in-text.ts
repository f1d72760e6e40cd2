import { checkCpr, type Cpr } from './cpr';

/**
 * THE detector for CPR numbers written in free text (posting texts, a caseworker's reason for a manual
 * decision, anything typed). People write a CPR number in many ways; every common spelling is found:
 *   0101801234 · 010180-1234 · 010180 1234 · 010180–1234 (en dash) · 010180—1234 · 010180 - 1234 ·
 *   01.01.80-1234 · 01-01-80-1234 · 01 01 80 1234 · 01/01/80-1234 · "cpr.nr. 010180-1234" · "CPR: …"
 * A candidate counts when its first six digits are a valid date (as CPR numbers are; modulus 11 is not
 * required since 2007). Digits that run on (11+ digits, e.g. an account number) are not a CPR.
 */
const SEP = String.raw`[ \t.\-\u2010-\u2015\u2212/]`;
const CANDIDATE = new RegExp(String.raw`(?<![\d])(\d{2})${SEP}?(\d{2})${SEP}?(\d{2})${SEP}{0,3}(\d{4})(?![\d])`, 'gu');

export function findCprNumbers(text: string): Cpr[] {
  const found: Cpr[] = [];
  for (const m of text.normalize('NFKC').matchAll(CANDIDATE)) {
    const c = checkCpr(`${m[1]}${m[2]}${m[3]}${m[4]}`);
    if (c.cpr) found.push(c.cpr);
  }
  return found;
}

export function containsCprNumber(text: string): boolean {
  return findCprNumbers(text).length > 0;
}
