import type { ServiceId } from './contract';

export interface CallCounts {
  sf1520: number;
  sf1530: number;
  total: number;
  /** How many of the calls were answered with a SOAP fault (already included in the per-service counts). */
  faults: number;
}

/**
 * Serviceplatformen bills the municipality per call, so the gateway must not make one it can avoid. This
 * counts every POST that reaches a service endpoint, faults included: a call the platform rejected still
 * left the gateway, and "how many calls did the gateway make" is what its tests must pin down.
 */
export class CallCounter {
  private counts = { sf1520: 0, sf1530: 0, faults: 0 };

  call(service: ServiceId): void {
    this.counts[service] += 1;
  }

  fault(): void {
    this.counts.faults += 1;
  }

  snapshot(): CallCounts {
    const { sf1520, sf1530, faults } = this.counts;
    return { sf1520, sf1530, total: sf1520 + sf1530, faults };
  }

  reset(): void {
    this.counts = { sf1520: 0, sf1530: 0, faults: 0 };
  }
}
