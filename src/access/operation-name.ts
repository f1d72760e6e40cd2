/**
 * The operation name a citizen later reads in their access log is chosen by the caller: only a GraphQL name
 * (letters, digits, underscore; not starting with a digit) of at most 64 characters is kept, anything else
 * is recorded as "anonymous" — so no caller can write a sentence, a name or a CPR number into that log.
 */
export const MAX_OPERATION_NAME = 64;

export function cleanOperationName(name: unknown): string {
  return typeof name === 'string' && /^[_A-Za-z][_0-9A-Za-z]{0,63}$/.test(name) ? name : 'anonymous';
}
