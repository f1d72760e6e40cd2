import type { SourceName } from './source-error';
import type { BreakerState } from './resilience-policy';

/**
 * What a resilience policy reports, for whoever listens (src/observability/metrics): the connectors stay
 * free of any metrics library, and a policy nobody observes pays one empty loop per call. The listeners
 * belong to the policy (each app subscribes to the policies of its connectors), not to the module.
 */
export interface SourceObserver {
  /** one attempt that reached the source, successful or not */
  attempted?(source: SourceName, ms: number): void;
  /** a call that failed for its caller after retries (code: SourceError code) */
  failed?(source: SourceName, code: string): void;
  breakerChanged?(source: SourceName, state: BreakerState): void;
}

export interface SourceEvents extends Required<SourceObserver> {
  /** adds a listener; returns its removal */
  observe(o: SourceObserver): () => void;
}

/** The listeners of one policy. */
export function sourceEvents(): SourceEvents {
  const observers = new Set<SourceObserver>();
  return {
    observe(o) {
      observers.add(o);
      return () => void observers.delete(o);
    },
    attempted(source, ms) {
      for (const o of observers) o.attempted?.(source, ms);
    },
    failed(source, code) {
      for (const o of observers) o.failed?.(source, code);
    },
    breakerChanged(source, state) {
      for (const o of observers) o.breakerChanged?.(source, state);
    },
  };
}
