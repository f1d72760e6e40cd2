/**
 * A small closed-loop load generator: `concurrency` workers send requests back to back for `seconds`;
 * reports requests/s and latency percentiles. Runs in the same process as the baseline it is compared with.
 */
export interface LoadResult {
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  errors: number;
}

export async function closedLoop(opts: { seconds: number; concurrency: number; request: (i: number) => Promise<boolean> }): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let i = 0;
  const end = performance.now() + opts.seconds * 1000;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: opts.concurrency }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        const ok = await opts.request(i++).catch(() => false);
        latencies.push(performance.now() - t);
        if (!ok) errors++;
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0;
  return { requests: latencies.length, seconds: elapsed, rps: latencies.length / elapsed, p50: pct(0.5), p95: pct(0.95), errors };
}

export async function timeIt<T>(fn: () => Promise<T>, repeat = 3): Promise<{ ms: number; value: T }> {
  let best = Infinity;
  let value!: T;
  for (let r = 0; r < repeat; r++) {
    const t = performance.now();
    value = await fn();
    best = Math.min(best, performance.now() - t);
  }
  return { ms: best, value };
}
