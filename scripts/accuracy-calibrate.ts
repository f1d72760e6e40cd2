/**
 * `npx tsx scripts/accuracy-calibrate.ts [--seeds test:7,demo:42] [--db pglite|postgres]`: fits the calibration table of the
 * linkage posterior (src/reconcile/rules/linkage/calibration.ts) on generated ground truth. For every automatic
 * match of the training municipalities it pairs the raw posterior (stored in the match's evidence) with
 * whether the match is right, pools adjacent bins until accuracy is monotone (isotonic regression, pool
 * adjacent violators), and prints the knots to paste into calibration.ts. Never run it on the held-out
 * seed (demo 2029; 2027 and 2028 are spent, see README): that seed only measures (`npm run accuracy -- --seed 2029`).
 */
import { parseArgs } from 'node:util';
import { runReconciliation } from '../src/reconcile/job/run';
import type { PresetName } from '../simulators/generator';
import { reconcileSetup } from './reconcile-setup';

export const HELD_OUT = { preset: 'demo', seeds: [2027, 2028, 2029] } as const;

const { values } = parseArgs({ options: { seeds: { type: 'string', default: 'test:7,demo:42' }, db: { type: 'string', default: 'pglite' } } });
const db = values.db === 'postgres' ? 'postgres' : 'pglite';
const pairs: Array<{ raw: number; right: boolean }> = [];
for (const spec of values.seeds!.split(',')) {
  const [preset, seedText] = spec.split(':') as [PresetName, string];
  const seed = Number(seedText);
  if (preset === HELD_OUT.preset && (HELD_OUT.seeds as readonly number[]).includes(seed)) throw new Error('the held-out seed is never used for fitting');
  const setup = await reconcileSetup({ preset, seed, sources: db, store: db });
  try {
    await runReconciliation({ db: setup.store.db, connectors: setup.connectors, clock: setup.clock }, { type: 'FULD', udloeser: 'MANUEL' });
    const rows: Array<{ bilagsnr: string; auto_indsats_id: number | null; evidens: unknown }> = await setup.store
      .db('postering_match')
      .whereNotNull('auto_indsats_id')
      .select('bilagsnr', 'auto_indsats_id', 'evidens');
    for (const r of rows) {
      const e = (typeof r.evidens === 'string' ? JSON.parse(r.evidens) : r.evidens) as { v: [number, number, number] | null; f: string | null };
      if (!e?.v || e.f === 'CPR_OMBYTTET') continue;
      pairs.push({ raw: e.v[2], right: setup.municipality.manifest.posteringer[r.bilagsnr] === r.auto_indsats_id });
    }
    console.error(`${spec}: ${rows.length} matches`);
  } finally {
    await setup.close();
  }
}
// bins of raw posterior, then pool adjacent violators
const edges = [0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.98, 0.99, 0.995, 0.999, 1.0001];
let blocks = edges
  .slice(0, -1)
  .map((from, k) => {
    const inBin = pairs.filter((p) => p.raw >= from && p.raw < edges[k + 1]!);
    return { n: inBin.length, right: inBin.filter((p) => p.right).length, raw: inBin.reduce((s, p) => s + p.raw, 0) };
  })
  .filter((b) => b.n > 0);
for (let changed = true; changed;) {
  changed = false;
  for (let k = 0; k + 1 < blocks.length; k++) {
    if (blocks[k]!.right / blocks[k]!.n > blocks[k + 1]!.right / blocks[k + 1]!.n) {
      const a = blocks[k]!;
      const b = blocks[k + 1]!;
      blocks = [...blocks.slice(0, k), { n: a.n + b.n, right: a.right + b.right, raw: a.raw + b.raw }, ...blocks.slice(k + 2)];
      changed = true;
      break;
    }
  }
}
// a bin with few matches is shrunk towards its raw posterior (a prior worth 20 matches)
let floor = 0;
const knots = blocks
  .map((b) => [Math.round((b.raw / b.n) * 10_000) / 10_000, Math.round(((b.right + 20 * (b.raw / b.n)) / (b.n + 20)) * 10_000) / 10_000] as [number, number])
  .filter(([x]) => x < 1)
  .map(([x, y]) => [x, (floor = Math.max(floor, y))] as [number, number]);
console.log(
  `export const KALIBRERING: ReadonlyArray<readonly [number, number]> = [\n  [0, 0],\n${knots.map(([x, y]) => `  [${x}, ${y}],`).join('\n')}\n  [1, ${knots[knots.length - 1]?.[1] ?? 1}],\n];`,
);
console.log(`// ${pairs.length} matches; per knot n = ${blocks.map((b) => b.n).join(', ')}`);
