import type { CallContext } from '../shared/call-context';
import type { TtlCache } from './cache';

/**
 * One billed look-up per distinct number, process-wide: a cached answer is used while fresh; a look-up
 * already on its way is joined (two GraphQL requests asking for the same citizen at the same moment make
 * one call); otherwise the call waits for a slot of the shared semaphore. Failures are not cached, and a
 * failed call leaves the in-flight map, so the next request tries again.
 *
 * The loaders on top of this stay per request; what is shared is the platform's answer, never a request's
 * loader. Access control and the access log sit above the connector and see every read, cached or not.
 */
export class SharedLookup<V> {
  private readonly inFlight = new Map<string, Promise<V>>();

  constructor(
    private readonly opts: {
      /** `signal`: aborted when the policy gives up on the call (its budget, queueing included, is spent) */
      call: (key: string, call: CallContext | undefined, signal?: AbortSignal) => Promise<V>;
      cache: TtlCache<V> | null;
      /** where each call runs: the connector's resilience policy (bulkhead, timeout, retry, breaker) */
      semaphore: { run<T>(task: (signal?: AbortSignal) => Promise<T>): Promise<T> };
    },
  ) {}

  /** `asker`: the request asking, whose transaction id goes with a call it starts */
  get(key: string, asker?: CallContext): Promise<V> {
    const cached = this.opts.cache?.get(key);
    if (cached) return Promise.resolve(cached.value);
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const call = this.opts.semaphore
      .run((signal) => this.opts.call(key, asker, signal))
      .then((value) => {
        this.opts.cache?.set(key, value);
        return value;
      })
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, call);
    return call;
  }

  /** Look-ups on their way now (for metrics and tests). */
  get pending(): number {
    return this.inFlight.size;
  }

  clear(): void {
    this.opts.cache?.clear();
  }
}
