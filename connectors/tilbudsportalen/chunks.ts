/**
 * Splits a batch of keys into as few comma lists as the register accepts: at most `maxEntries` per list (the
 * API takes ≤ 500, as many as one page returns) and at most `maxChars` per list, so a request line stays far
 * below the 8 KB that common proxies and servers allow.
 */
export function chunkKeys(keys: readonly string[], opts: { maxEntries: number; maxChars: number }): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  let chars = 0;
  for (const key of keys) {
    const cost = key.length + (current.length ? 1 : 0);
    if (current.length && (current.length >= opts.maxEntries || chars + cost > opts.maxChars)) {
      chunks.push(current);
      current = [];
      chars = 0;
    }
    chars += current.length ? key.length + 1 : key.length;
    current.push(key);
  }
  if (current.length) chunks.push(current);
  return chunks;
}
