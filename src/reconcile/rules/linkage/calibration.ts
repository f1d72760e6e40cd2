/**
 * Calibration of the linkage posterior (decide.ts) to observed accuracy: a monotone piecewise-linear map
 * from raw posterior to the share of right matches, fitted by isotonic regression on the training seeds'
 * ground truth (`npx tsx scripts/accuracy-calibrate.ts`, which prints this table). The held-out seed
 * (demo, seed 2029 — see README "Matching postings to indsatser") is never used for fitting. Knots: [raw, calibrated].
 */
// fitted on test seed 7 and demo seed 42 with the amount-deviation floor at -9 bits (48,607 automatic
// matches; per knot n = 1, 4, 81, 89, 235, 247, 404, 16, 12, 321, 47,197)
export const KALIBRERING: ReadonlyArray<readonly [number, number]> = [
  [0, 0],
  [0.593, 0.6124],
  [0.6208, 0.684],
  [0.7761, 0.9557],
  [0.8309, 0.969],
  [0.8742, 0.9901],
  [0.9285, 0.9946],
  [0.9715, 0.9987],
  [0.9851, 0.9987],
  [0.9918, 0.9987],
  [0.9969, 0.9998],
  [1, 0.9998],
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
