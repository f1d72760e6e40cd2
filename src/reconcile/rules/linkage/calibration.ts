/**
 * Calibration of the linkage posterior (decide.ts) to observed accuracy: a monotone piecewise-linear map
 * from raw posterior to the share of right matches, fitted by isotonic regression on the training seeds'
 * ground truth (`npx tsx scripts/accuracy-calibrate.ts`, which prints this table). The held-out seed
 * (demo, seed 2029 — see README "Matching postings to indsatser") is never used for fitting. Knots: [raw, calibrated].
 */
// fitted on test seed 7 and demo seed 42 (48,608 automatic matches; per knot n = 6, 2, 47, 744, 19, 5, 304, 47,481)
export const KALIBRERING: ReadonlyArray<readonly [number, number]> = [
  [0, 0],
  [0.7262, 0.7894],
  [0.8255, 0.8414],
  [0.8784, 0.9637],
  [0.9701, 0.9992],
  [0.9858, 0.9992],
  [0.9924, 0.9992],
  [0.9968, 0.9998],
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
