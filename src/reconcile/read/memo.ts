/**
 * Per-request memoisation: one promise per key for the lifetime of the object that owns the memo. The read
 * services are created per request (src/context/context.ts), so nothing here outlives a request or is
 * shared between callers with different access scopes. Keyed by id, not by object: the same indsats can
 * reach a resolver from a list page and from a loader as two objects.
 */
export function memo<T, V>(keyOf: (t: T) => string | number, compute: (t: T) => Promise<V>): (t: T) => Promise<V> {
  const cache = new Map<string | number, Promise<V>>();
  return (t) => {
    const key = keyOf(t);
    let p = cache.get(key);
    if (!p) cache.set(key, (p = compute(t)));
    return p;
  };
}
