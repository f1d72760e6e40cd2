/** P-nummer: the CVR register's 10-digit id of a production unit (produktionsenhed); VUM 2.0 ID 69 "Udfører p-nummer". */
export type PNummer = string & { readonly __brand: 'PNummer' };

export function pnummerError(value: string): string | null {
  return /^\d{10}$/.test(value) ? null : 'a P-nummer has 10 digits';
}
