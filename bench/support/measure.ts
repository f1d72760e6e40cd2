/**
 * Measurements with their spread: a target and its baseline are measured in alternating rounds (so a
 * neighbour's load on the shared machine hits both alike), and the ratio is reported as the median of the
 * per-round ratios with its range.
 */
export interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  errors: number;
}

/** `concurrency` workers send requests back to back for `seconds`. */
export async function closedLoop(opts: { seconds: number; concurrency: number; request: (i: number) => Promise<boolean> }): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let i = 0;
  const start = performance.now();
  const end = start + opts.seconds * 1000;
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
  return { requests: latencies.length, rps: latencies.length / elapsed, p50: pct(0.5), p95: pct(0.95), errors };
}

export const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

export interface Spread {
  median: number;
  min: number;
  max: number;
}
export const spread = (xs: readonly number[]): Spread => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs) });

/** Throughput of each target in `rounds` alternating rounds of `seconds` each. */
export async function alternatingThroughput(
  targets: Record<string, (i: number) => Promise<boolean>>,
  opts: { rounds: number; seconds: number; concurrency: number },
): Promise<Record<string, LoadResult[]>> {
  const out: Record<string, LoadResult[]> = Object.fromEntries(Object.keys(targets).map((k) => [k, []]));
  for (let r = 0; r < opts.rounds; r++) {
    for (const [name, request] of Object.entries(targets)) out[name]!.push(await closedLoop({ seconds: opts.seconds, concurrency: opts.concurrency, request }));
  }
  return out;
}

/** Wall time of each target's pass in `rounds` alternating rounds. */
export async function alternatingTimes(targets: Record<string, () => Promise<unknown>>, rounds: number): Promise<Record<string, number[]>> {
  const out: Record<string, number[]> = Object.fromEntries(Object.keys(targets).map((k) => [k, []]));
  for (let r = 0; r < rounds; r++) {
    for (const [name, pass] of Object.entries(targets)) {
      const t = performance.now();
      await pass();
      out[name]!.push(performance.now() - t);
    }
  }
  return out;
}

/** Per-round ratios a/b. */
export const ratios = (a: readonly number[], b: readonly number[]) => a.map((x, i) => x / b[i]!);

export const fmtRatio = (s: Spread) => `${s.median.toFixed(2)}× (rounds ${s.min.toFixed(2)}–${s.max.toFixed(2)}×)`;
export const fmtInt = (n: number) => Math.round(n).toLocaleString('en');
