/**
 * CVR number (Det Centrale Virksomhedsregister): 8 digits, the last a modulus-11 check digit
 * with weights 2,7,6,5,4,3,2,1 (Erhvervsstyrelsen). The first digit is never 0.
 */
export type Cvr = string & { readonly __brand: 'Cvr' };

const WEIGHTS = [2, 7, 6, 5, 4, 3, 2, 1];

export function cvrError(value: string): string | null {
  if (!/^[1-9]\d{7}$/.test(value)) return 'a CVR number has 8 digits and does not start with 0';
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(value[i]) * WEIGHTS[i]!;
  return sum % 11 === 0 ? null : 'the CVR number fails its modulus-11 check digit';
}

/** Completes 7 leading digits with the check digit, or returns null when no digit fits (remainder 1). */
export function withCvrCheckDigit(seven: string): Cvr | null {
  let sum = 0;
  for (let i = 0; i < 7; i++) sum += Number(seven[i]) * WEIGHTS[i]!;
  const check = (11 - (sum % 11)) % 11;
  return check === 10 ? null : (`${seven}${check}` as Cvr);
}
