/**
 * Consecutive slices of at most `size` items: the one way the reconciliation batches its statements (a
 * bound array per statement, a transaction per slice), so no loop re-implements the slicing.
 */
export function* chunked<T>(items: readonly T[], size: number): Generator<T[]> {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`chunk size must be a positive whole number, got ${size}`);
  for (let k = 0; k < items.length; k += size) yield items.slice(k, k + size);
}
