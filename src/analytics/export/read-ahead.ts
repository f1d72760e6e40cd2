/**
 * Batches from a source with the next one already on its way: while the consumer logs, counts and writes batch
 * k, batch k + 1 is fetched, so the database's round trip overlaps the export's own work instead of adding to it
 * (a plain cursor stream reads ahead the same way). At most one batch ahead: memory stays flat. When the consumer
 * stops early, the fetch in flight is let finish and the source is closed (its cursor and transaction end).
 */
export async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]();
  let next = it.next();
  let finished = false;
  try {
    for (;;) {
      const r = await next;
      if (r.done) {
        finished = true;
        return;
      }
      next = it.next();
      // a failure of the batch fetched ahead surfaces when it is awaited; until then it must not count as unhandled
      next.catch(() => undefined);
      yield r.value;
    }
  } finally {
    if (!finished) {
      await next.catch(() => undefined);
      await it.return?.();
    }
  }
}
