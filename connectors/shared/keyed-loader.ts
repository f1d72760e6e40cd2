import DataLoader from 'dataloader';

/**
 * The batch contract of graphql/dataloader, kept by key: a batch function returns a Map keyed by the
 * requested key, and every key gets its own value (or the fallback) in the order asked — never mapped back
 * by position, so a source that returns rows in another order, fewer rows or duplicates cannot shift data
 * onto the wrong parent. Loaders are created per request (two lifetimes: pools once, loaders per request).
 */
export function keyedLoader<K, V>(
  batch: (keys: readonly K[]) => Promise<Map<K, V>>,
  fallback: () => V,
  options: { cacheKeyFn?: (key: K) => string | number; maxBatchSize?: number } = {},
): DataLoader<K, V> {
  return new DataLoader<K, V, string | number | K>(
    async (keys) => {
      const found = await batch(keys);
      return keys.map((k) => (found.has(k) ? (found.get(k) as V) : fallback()));
    },
    { cacheKeyFn: options.cacheKeyFn, maxBatchSize: options.maxBatchSize ?? 1000 },
  );
}

/** Groups rows into a Map of arrays by a key (for one-to-many loaders). */
export function groupBy<K, V>(rows: readonly V[], key: (row: V) => K): Map<K, V[]> {
  const m = new Map<K, V[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}

/** Indexes rows by a unique key (for one-to-one loaders). */
export function indexBy<K, V>(rows: readonly V[], key: (row: V) => K): Map<K, V> {
  const m = new Map<K, V>();
  for (const r of rows) m.set(key(r), r);
  return m;
}
