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
  const s = text.normalize('NFKC');
  const re = new RegExp(CANDIDATE.source, CANDIDATE.flags);
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const c = checkCpr(`${m[1]}${m[2]}${m[3]}${m[4]}`);
    if (c.cpr) found.push(c.cpr);
    // a rejected candidate may hide one that starts inside it: "juli 2024 210469 2411" (2024 21 0469 is no date)
    else re.lastIndex = m.index + 1;
  }
  return found;
}

export function containsCprNumber(text: string): boolean {
  return findCprNumbers(text).length > 0;
}
