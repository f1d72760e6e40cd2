/**
 * CPR number (Det Centrale Personregister): DDMMYY-SSSS.
 *
 * The century follows from the 7th digit (CPR-kontoret, "Personnummeret i CPR-systemet"):
 *   0–3: 1900–1999; 4 and 9: 2000–2036, else 1937–1999; 5–8: 2000–2057, else 1858–1899.
 * Since 2007 some CPR numbers do not satisfy modulus 11, so a modulus-11 failure is a warning,
 * never a rejection. A CPR is personal data: never put one in a log line or an error message.
 */
export type Cpr = string & { readonly __brand: 'Cpr' };

export interface CprCheck {
  /** Normalised to 10 digits without the dash, or null when the value is not a CPR at all. */
  cpr: Cpr | null;
  /** Why the value was rejected (format or date); null when accepted. Never contains the value itself. */
  error: string | null;
  /** True when the number is accepted but fails the modulus-11 check (allowed since 2007). */
  modulus11Warning: boolean;
  /** ISO birth date derived from the number, when accepted. */
  foedselsdato: string | null;
}

const CPR_PATTERN = /^(\d{2})(\d{2})(\d{2})-?(\d{4})$/;
const MOD11_WEIGHTS = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1];

export function centuryOf(yy: number, seventhDigit: number): number {
  if (seventhDigit <= 3) return 1900;
  if (seventhDigit === 4 || seventhDigit === 9) return yy <= 36 ? 2000 : 1900;
  return yy <= 57 ? 2000 : 1800;
}

export function passesModulus11(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += Number(digits[i]) * MOD11_WEIGHTS[i]!;
  return sum % 11 === 0;
}

export function checkCpr(value: string): CprCheck {
  const m = CPR_PATTERN.exec(value.trim());
  if (!m) return { cpr: null, error: 'a CPR number has 10 digits, DDMMYY-SSSS or DDMMYYSSSS', modulus11Warning: false, foedselsdato: null };
  const [, dd, mm, yy, ssss] = m as unknown as [string, string, string, string, string];
  const year = centuryOf(Number(yy), Number(ssss[0])) + Number(yy);
  const day = Number(dd);
  const month = Number(mm);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || day < 1 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return { cpr: null, error: 'the first six digits of a CPR number must be a valid date (DDMMYY)', modulus11Warning: false, foedselsdato: null };
  }
  const digits = `${dd}${mm}${yy}${ssss}`;
  return {
    cpr: digits as Cpr,
    error: null,
    modulus11Warning: !passesModulus11(digits),
    foedselsdato: date.toISOString().slice(0, 10),
  };
}

/** Age in whole years on a given ISO date. */
export function alderPaaDato(cpr: Cpr, isoDate: string): number {
  const born = checkCpr(cpr).foedselsdato!;
  const [by, bm, bd] = born.split('-').map(Number) as [number, number, number];
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** Finds CPR numbers in free text (economy posting texts carry them): the one shared detector. */
export { findCprNumbers as findCprInText } from './cpr-in-text';
