import { describe, it, expect } from 'vitest';
import { toOere, fromOere, normaliseMoney } from '../../src/domain/money';

describe('money is exact', () => {
  it('round-trips decimal strings through integer øre', () => {
    expect(toOere('1234.5')).toBe(123450);
    expect(toOere('-0.07')).toBe(-7);
    expect(fromOere(123450)).toBe('1234.50');
    expect(fromOere(-7)).toBe('-0.07');
  });
  it('sums without floating-point drift', () => {
    const total = Array.from({ length: 1000 }, () => toOere('0.10')).reduce((a, b) => a + b, 0);
    expect(fromOere(total)).toBe('100.00');
  });
  it('normalises database scale and rejects non-amounts', () => {
    expect(normaliseMoney('12.5000')).toBe('12.50');
    expect(() => toOere('12.345')).toThrow(/two decimals/);
    expect(() => toOere(0.1)).toThrow(/decimal string/);
  });
});
