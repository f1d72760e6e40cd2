import { setTimeout as sleep } from 'node:timers/promises';

export const MAX_LATENCY_MS = 60_000;

/**
 * Artificial response time. The real platform answers a CPR look-up in tens to hundreds of milliseconds;
 * the gateway's timeout, batching and caching only show their worth when calls are slow, so tests and
 * benchmarks turn this up. The wait is at least `ms` (timers may fire a little early; the loop tops up).
 */
export class Latency {
  private ms: number;

  constructor(ms = 0) {
    this.ms = Latency.check(ms);
  }

  static check(ms: number): number {
    if (!Number.isInteger(ms) || ms < 0 || ms > MAX_LATENCY_MS) {
      throw new Error(`latencyMs must be an integer from 0 to ${MAX_LATENCY_MS}`);
    }
    return ms;
  }

  get(): number {
    return this.ms;
  }

  set(ms: number): void {
    this.ms = Latency.check(ms);
  }

  async wait(): Promise<void> {
    const target = this.ms;
    if (target === 0) return;
    const start = performance.now();
    for (let left = target; left > 0; left = target - (performance.now() - start)) {
      await sleep(Math.ceil(left));
    }
  }
}
