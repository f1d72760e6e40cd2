/**
 * A small in-process TTL cache for register look-ups. Serviceplatformen bills per call and a page of a
 * caseworker's list asks for the same citizens again within seconds, so answers (including "not in the
 * register") are kept for `ttlMs`. Bounded: past `maxEntries` the least recently used entry goes. The clock
 * is injected so tests can step over the TTL. It holds CPR data, so it never leaves the process, is never
 * logged, and is emptied on close.
 */
export interface TtlCacheOptions {
  ttlMs: number;
  maxEntries: number;
  clock: () => number;
}

interface Entry<V> {
  value: V;
  expiresAt: number;
}

export class TtlCache<V> {
  private readonly entries = new Map<string, Entry<V>>();

  constructor(private readonly opts: TtlCacheOptions) {
    if (!(opts.ttlMs > 0)) throw new RangeError('TtlCache: ttlMs must be positive (use no cache for 0)');
    if (!Number.isInteger(opts.maxEntries) || opts.maxEntries < 1) throw new RangeError('TtlCache: maxEntries must be a positive integer');
  }

  /** `{ value }` on a hit (the value may be null: "not in the register" is an answer too), undefined on a miss. */
  get(key: string): { value: V } | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (this.opts.clock() >= entry.expiresAt) return undefined;
    this.entries.set(key, entry); // most recently used goes last
    return { value: entry.value };
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: this.opts.clock() + this.opts.ttlMs });
    while (this.entries.size > this.opts.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }
}
