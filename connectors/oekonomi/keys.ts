/**
 * Key normalisation for the loaders. The economy system stores CPR as 10 digits without the dash and CVR
 * as 8 digits; a key in another accepted spelling is looked up in the stored form and answered under the
 * key that was asked. A key that cannot be a CPR/CVR at all is never sent to the database: it simply has
 * no rows (it is not an error — the caller may hold a value from another system).
 */
const CPR = /^(\d{6})-?(\d{4})$/;
const CVR = /^\d{8}$/;

export function storedCpr(key: string): string | null {
  const m = CPR.exec(key.trim());
  return m ? `${m[1]}${m[2]}` : null;
}

export function storedCvr(key: string): string | null {
  const k = key.trim();
  return CVR.test(k) ? k : null;
}

/** Distinct stored forms of the keys that have one. */
export function distinctStored<K>(keys: readonly K[], stored: (k: K) => string | number | null): Array<string | number> {
  const set = new Set<string | number>();
  for (const k of keys) {
    const s = stored(k);
    if (s !== null) set.add(s);
  }
  return [...set];
}

export function validPosteringId(id: number): number | null {
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}
