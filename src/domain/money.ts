/**
 * Money is exact: DKK travels as a decimal string with two decimals ("1234.50") and is computed in
 * integer øre. Never binary floating point for an amount (a sum of 1.5 million postings must be exact).
 */
export type Oere = number;
export type Money = string & { readonly __brand: 'Money' };

const MONEY_PATTERN = /^(-)?(\d+)(?:\.(\d{1,2}))?$/;

export function moneyError(value: string): string | null {
  return MONEY_PATTERN.test(value.trim()) ? null : 'an amount is a decimal number of DKK with at most two decimals, e.g. "1234.50"';
}

/** "1234.5" → 123450. Throws on anything that is not an exact decimal amount. */
export function toOere(value: string | number): Oere {
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new Error('amounts must not be passed as fractional numbers; use a decimal string');
    return value * 100;
  }
  const m = MONEY_PATTERN.exec(value.trim());
  if (!m) throw new Error(moneyError(value)!);
  const oere = Number(m[2]) * 100 + Number((m[3] ?? '0').padEnd(2, '0'));
  if (!Number.isSafeInteger(oere)) throw new Error('amount out of range');
  return m[1] ? -oere : oere;
}

/** 123450 → "1234.50" */
export function fromOere(oere: Oere): Money {
  if (!Number.isSafeInteger(oere)) throw new Error('øre must be a safe integer');
  const sign = oere < 0 ? '-' : '';
  const abs = Math.abs(oere);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}` as Money;
}

/** Normalises any accepted decimal string (e.g. "12.5", "12.500" from a database) to two decimals. */
export function normaliseMoney(value: string | number): Money {
  if (typeof value === 'string') {
    // databases may return more scale than two decimals (numeric(18,4)); cut only zeros
    const m = /^(-?\d+)\.(\d{2})(0*)$/.exec(value.trim());
    if (m) return `${m[1]}.${m[2]}` as Money;
  }
  return fromOere(toOere(value));
}

/** Rounds a ratio of øre half away from zero, for prices computed from units × unit price. */
export function roundOere(x: number): Oere {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}
