import {
  BrokenCircuitError,
  type BulkheadPolicy,
  BulkheadRejectedError,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  IsolatedCircuitError,
  TaskCancelledError,
  TimeoutStrategy,
  bulkhead,
  circuitBreaker,
  handleWhen,
  retry,
  timeout,
  type CircuitBreakerPolicy,
  type RetryPolicy,
  type TimeoutPolicy,
} from 'cockatiel';
import { SourceError, isSourceError, type SourceName } from './source-error';
import { sourceEvents, type SourceObserver } from './resilience-events';

/**
 * The one resilience policy every connector runs its calls through (cockatiel), per source, process-wide:
 *
 *   total timeout ─ retry (idempotent reads, jittered backoff) ─ circuit breaker ─ bulkhead ─ the call
 *
 * - the timeout is outermost, so it counts time spent waiting for a slot and between retries: a caller never
 *   waits longer than `timeoutMs` for one source, however long the queue (issue 13: 10–20 s behind 8 slots);
 * - the bulkhead bounds calls in flight AND waiting; beyond that a call fails at once as SOURCE_OVERLOADED
 *   instead of queueing without bound;
 * - retry only for reads (every connector call today) and only for errors the source marks `retryable`
 *   (unreachable, reset, HTTP 5xx/429), never after a timeout;
 * - the breaker opens after `breakerFailures` consecutive outages (unreachable, timeout, 5xx) and lets one
 *   probe through after `halfOpenAfterMs` (half-open); while open, calls fail at once without touching the source.
 * A query error (bad SQL, 4xx, not found) is the caller's or the data's fault, not an outage: it neither
 * trips the breaker nor is retried.
 */
export interface ResilienceSettings {
  /** the whole call: queueing, attempts and backoff */
  timeoutMs: number;
  /** calls in flight at once (for SQL: the pool size) */
  concurrency: number;
  /** calls allowed to wait for a slot; more fail fast as SOURCE_OVERLOADED */
  queue: number;
  /** extra attempts for an idempotent read after a retryable failure */
  retries: number;
  breakerFailures: number;
  halfOpenAfterMs: number;
}

export const DEFAULT_RESILIENCE: ResilienceSettings = {
  timeoutMs: 30_000,
  concurrency: 10,
  queue: 1000,
  retries: 2,
  breakerFailures: 5,
  halfOpenAfterMs: 5_000,
};

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface SourceHealth {
  source: SourceName;
  breaker: BreakerState;
  active: number;
  queued: number;
  concurrency: number;
  queue: number;
}

export interface SourcePolicy {
  readonly source: SourceName;
  readonly settings: ResilienceSettings;
  /** Runs one call to the source; `idempotent: false` turns retries off (default: a read, retried). */
  execute<T>(call: (signal: AbortSignal) => Promise<T>, opts?: { idempotent?: boolean }): Promise<T>;
  health(): SourceHealth;
  /** listens to this policy's attempts, failures and breaker changes (metrics); returns the unsubscribe */
  observe(o: SourceObserver): () => void;
}

/** An outage of the source (as opposed to a wrong query or unknown record): what the breaker counts. */
export function isOutage(e: unknown): boolean {
  if (!isSourceError(e)) return false;
  if (e.code === 'SOURCE_UNAVAILABLE' || e.code === 'SOURCE_TIMEOUT') return true;
  // a 5xx / server fault: the source marks it retryable
  return e.code === 'SOURCE_BAD_RESPONSE' && e.retryable;
}

function stateOf(b: CircuitBreakerPolicy): BreakerState {
  return b.state === CircuitState.Open || b.state === CircuitState.Isolated ? 'open' : b.state === CircuitState.HalfOpen ? 'half-open' : 'closed';
}

export function createSourcePolicy(source: SourceName, overrides: Partial<ResilienceSettings> = {}): SourcePolicy {
  const settings: ResilienceSettings = { ...DEFAULT_RESILIENCE, ...overrides };
  const events = sourceEvents();
  const bh: BulkheadPolicy = bulkhead(settings.concurrency, settings.queue);
  const breaker = circuitBreaker(handleWhen(isOutage), {
    halfOpenAfter: settings.halfOpenAfterMs,
    breaker: new ConsecutiveBreaker(settings.breakerFailures),
  });
  breaker.onStateChange((state) => events.breakerChanged(source, stateOf({ state } as CircuitBreakerPolicy)));
  const retries: RetryPolicy = retry(
    // not after a timeout: the attempt already used the time budget, and a slow source is not helped by more load
    handleWhen((e) => isSourceError(e) && e.retryable && e.code !== 'SOURCE_OVERLOADED' && e.code !== 'SOURCE_TIMEOUT'),
    // decorrelated jitter (cockatiel's default generator), so replicas retrying together do not stay in step
    { maxAttempts: settings.retries, backoff: new ExponentialBackoff({ initialDelay: 50, maxDelay: 1_000 }) },
  );
  // abortOnReturn off: cockatiel otherwise aborts the call's signal after every *successful* call too, and each
  // abort builds a DOMException with a stack trace — 0.14 ms of CPU per request on the single-case path
  // (bench:compare profile); a call that has returned has nothing left to cancel
  const total: TimeoutPolicy = timeout(settings.timeoutMs, { strategy: TimeoutStrategy.Aggressive, abortOnReturn: false });

  /** cockatiel's own errors become the gateway's one error shape, safe to show */
  const asSourceError = (e: unknown): unknown => {
    if (e instanceof TaskCancelledError) return new SourceError({ source, code: 'SOURCE_TIMEOUT' });
    if (e instanceof BrokenCircuitError || e instanceof IsolatedCircuitError) {
      return new SourceError({ source, code: 'SOURCE_UNAVAILABLE', message: `${label(source)} is failing; calls are paused for a few seconds (circuit open)` });
    }
    if (e instanceof BulkheadRejectedError) return new SourceError({ source, code: 'SOURCE_OVERLOADED' });
    return e;
  };

  const attempt = <T>(call: (signal: AbortSignal) => Promise<T>, signal: AbortSignal) =>
    breaker.execute(
      () =>
        bh
          .execute(async ({ signal: s }) => {
            const t0 = performance.now();
            try {
              return await call(s);
            } finally {
              events.attempted(source, performance.now() - t0);
            }
          }, signal)
          .catch((e: unknown) => {
            throw asSourceError(e);
          }),
      signal,
    );

  return {
    source,
    settings,
    async execute(call, opts = {}) {
      try {
        return await total.execute(({ signal }) =>
          opts.idempotent === false ? attempt(call, signal) : retries.execute(({ signal: s }) => attempt(call, s), signal),
        );
      } catch (e) {
        const err = asSourceError(e);
        events.failed(source, isSourceError(err) ? err.code : 'unclassified');
        throw err;
      }
    },
    observe: events.observe,
    health() {
      const active = settings.concurrency - bh.executionSlots;
      return { source, breaker: stateOf(breaker), active, queued: settings.queue - bh.queueSlots, concurrency: settings.concurrency, queue: settings.queue };
    },
  };
}

function label(source: SourceName): string {
  return {
    fagsystem: 'The fagsystem',
    oekonomi: 'The economy system',
    tilbudsportalen: 'Tilbudsportalen',
    serviceplatformen: 'Serviceplatformen',
    'gateway-store': "The gateway's store",
  }[source];
}
