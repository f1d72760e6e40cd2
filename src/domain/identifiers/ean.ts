/**
 * EAN/GLN location number: 13 digits with a GS1 modulus-10 check digit (weights 3,1,3,… from the right,
 * check digit excluded). VUM 2.0 ID 70 "Udførers EAN-nummer"; the economy system pays creditors by it.
 */
export type Ean = string & { readonly __brand: 'Ean' };

function gs1CheckDigit(twelve: string): number {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(twelve[11 - i]) * (i % 2 === 0 ? 3 : 1);
  return (10 - (sum % 10)) % 10;
}

export function eanError(value: string): string | null {
  if (!/^\d{13}$/.test(value)) return 'an EAN/GLN number has 13 digits';
  return gs1CheckDigit(value.slice(0, 12)) === Number(value[12]) ? null : 'the EAN/GLN number fails its GS1 check digit';
}

export function withEanCheckDigit(twelve: string): Ean {
  return `${twelve}${gs1CheckDigit(twelve)}` as Ean;
}
