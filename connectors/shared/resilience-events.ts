import type { SourceName } from './source-error';
import type { BreakerState } from './resilience-policy';

/**
 * What the resilience policy reports, for whoever listens (src/observability/metrics): the connectors stay
 * free of any metrics library, and a process without metrics pays one empty loop per call.
 */
export interface SourceObserver {
  /** one attempt that reached the source, successful or not */
  attempted?(source: SourceName, ms: number): void;
  /** a call that failed for its caller after retries (code: SourceError code) */
  failed?(source: SourceName, code: string): void;
  breakerChanged?(source: SourceName, state: BreakerState): void;
}

const observers = new Set<SourceObserver>();

export function observeSources(o: SourceObserver): () => void {
  observers.add(o);
  return () => observers.delete(o);
}

export const sourceObservers = {
  attempted(source: SourceName, ms: number) {
    for (const o of observers) o.attempted?.(source, ms);
  },
  failed(source: SourceName, code: string) {
    for (const o of observers) o.failed?.(source, code);
  },
  breakerChanged(source: SourceName, state: BreakerState) {
    for (const o of observers) o.breakerChanged?.(source, state);
  },
};
