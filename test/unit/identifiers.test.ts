import { describe, it, expect } from 'vitest';
import { checkCpr, findCprInText, cvrError, withCvrCheckDigit, eanError, withEanCheckDigit, pnummerError } from '../../src/domain/identifiers';

describe('CPR', () => {
  it('accepts a modulus-11-valid number with and without dash', () => {
    // 070761-4285 is the CPR office's documented example of a valid number
    expect(checkCpr('070761-4285')).toMatchObject({ cpr: '0707614285', error: null, modulus11Warning: false, foedselsdato: '1961-07-07' });
    expect(checkCpr('0707614285').cpr).toBe('0707614285');
  });
  it('accepts a number that fails only modulus 11, with a warning', () => {
    const c = checkCpr('0707614286');
    expect(c.cpr).toBe('0707614286');
    expect(c.modulus11Warning).toBe(true);
  });
  it('derives the century from the 7th digit', () => {
    expect(checkCpr('0101204000').foedselsdato).toBe('2020-01-01'); // 4, yy ≤ 36 → 2000s
    expect(checkCpr('0101504000').foedselsdato).toBe('1950-01-01'); // 4, yy > 36 → 1900s
    expect(checkCpr('0101605000').foedselsdato).toBe('1860-01-01'); // 5–8, yy > 57 → 1800s
    expect(checkCpr('0101109000').foedselsdato).toBe('2010-01-01'); // 9, yy ≤ 36 → 2000s
  });
  it('rejects bad format and impossible dates without echoing the value', () => {
    expect(checkCpr('12345').error).toMatch(/10 digits/);
    expect(checkCpr('3102801234').error).toMatch(/valid date/);
    expect(checkCpr('3102801234').error).not.toContain('310280');
    expect(checkCpr('2902011234').cpr).toBeNull(); // 2001 is not a leap year
    expect(checkCpr('2902001234').cpr).toBeNull(); // digit 1 → 1900, not a leap year
    expect(checkCpr('2902004234').cpr).toBe('2902004234'); // digit 4 → 2000, a leap year
  });
  it('finds CPR numbers inside posting texts', () => {
    expect(findCprInText('Husleje 070761-4285 jan')).toEqual(['0707614285']);
    expect(findCprInText('Faktura 12345678901 ref 0707614285')).toEqual(['0707614285']);
    expect(findCprInText('no cpr 991399-1234')).toEqual([]);
  });
});

describe('CVR, P-nummer, EAN', () => {
  it('checks the CVR modulus-11 digit', () => {
    const cvr = withCvrCheckDigit('2989484')!; // Erhvervsstyrelsen's own CVR starts 29894847... computed here
    expect(cvrError(cvr)).toBeNull();
    expect(cvrError(cvr.slice(0, 7) + ((Number(cvr[7]) + 1) % 10))).toMatch(/check digit/);
    expect(cvrError('0123456')).toMatch(/8 digits/);
  });
  it('checks P-nummer length', () => {
    expect(pnummerError('1003388394')).toBeNull();
    expect(pnummerError('100338839')).toMatch(/10 digits/);
  });
  it('checks the GS1 check digit of an EAN/GLN', () => {
    expect(eanError('5798000416604')).toBeNull(); // a published Danish public-sector GLN
    expect(eanError('5798000416605')).toMatch(/check digit/);
    expect(eanError(withEanCheckDigit('579800012345'))).toBeNull();
  });
});
