import { withCvrCheckDigit, withEanCheckDigit, passesModulus11 } from '../../src/domain/identifiers';
import type { Random } from './random';
import { isoOf } from './days';

/**
 * Unique, valid identifiers: CVR with its modulus-11 check digit, P-nummer (10 digits, issued from
 * 1000000000), EAN/GLN with the GS1 check digit (Danish GLNs start 57), and CPR numbers whose first six
 * digits are the birth date and whose 7th digit gives the right century.
 */
export class IdentifierFactory {
  private readonly used = new Set<string>();

  constructor(private readonly rng: Random) {}

  private digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(this.rng.int(0, 9));
    return s;
  }

  private claim(value: string): boolean {
    if (this.used.has(value)) return false;
    this.used.add(value);
    return true;
  }

  cvr(): string {
    for (;;) {
      const cvr = withCvrCheckDigit(`${this.rng.int(1, 4)}${this.digits(6)}`);
      if (cvr && this.claim(`cvr:${cvr}`)) return cvr;
    }
  }

  pnummer(): string {
    for (;;) {
      const p = `10${this.digits(8)}`;
      if (this.claim(`p:${p}`)) return p;
    }
  }

  ean(): string {
    for (;;) {
      const ean = withEanCheckDigit(`579${this.digits(9)}`);
      if (this.claim(`ean:${ean}`)) return ean;
    }
  }

  /**
   * A CPR number for a birth day. The 7th digit follows CPR-kontoret's century table (0–3: 1900s;
   * 4–9: 2000–2036); the last digit is odd for men. Numbers issued from October 2007 need not pass
   * modulus 11; `modulus11: false` asks for one that fails it.
   */
  cpr(birthDay: number, female: boolean, modulus11 = true): string {
    const iso = isoOf(birthDay);
    const year = Number(iso.slice(0, 4));
    const ddmmyy = `${iso.slice(8, 10)}${iso.slice(5, 7)}${iso.slice(2, 4)}`;
    for (;;) {
      const seventh = year < 2000 ? this.rng.int(0, 3) : this.rng.int(4, 9);
      const nine = `${ddmmyy}${seventh}${this.digits(2)}`;
      const last = this.rng.int(0, 4) * 2 + (female ? 0 : 1);
      const cpr = `${nine}${last}`;
      if (passesModulus11(cpr) !== modulus11) continue;
      if (this.claim(`cpr:${cpr}`)) return cpr;
    }
  }
}

/** "0101801234" → "010180-1234", the way CPR numbers appear in posting texts. */
export function cprWithDash(cpr: string): string {
  return `${cpr.slice(0, 6)}-${cpr.slice(6)}`;
}
