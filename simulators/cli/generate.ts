import { join } from 'node:path';
import { generateMunicipality, writeManifest } from '../generator';
import { asOfArg, formatCounts, parse, presetArg, runCli, seedArg, UsageError } from './args';

/**
 * npm run generate -- --preset demo --seed 42 [--as-of 2026-11-01] [--out .data/demo]
 * Generates a synthetic municipality and writes its ground-truth manifest.json; prints counts only
 * (never a CPR number, name or address).
 */
runCli('generate', async () => {
  const args = parse(process.argv.slice(2), {
    preset: { type: 'string' },
    seed: { type: 'string' },
    'as-of': { type: 'string' },
    out: { type: 'string' },
  });
  const preset = presetArg(args.preset, 'demo');
  const seed = seedArg(args.seed);
  const asOf = asOfArg(args['as-of']);
  if (args.out !== undefined && args.out.trim() === '') throw new UsageError('--out must name a directory');
  const out = args.out ?? join('.data', preset);

  const t0 = performance.now();
  const m = generateMunicipality({ preset, seed, asOf });
  const generated = performance.now() - t0;
  const path = join(out, 'manifest.json');
  await writeManifest(path, m.manifest);
  process.stdout.write(
    `generated preset ${m.preset}, seed ${m.seed}, as of ${m.asOf} in ${(generated / 1000).toFixed(1)} s\n` +
      `${formatCounts(m.manifest.counts)}\n` +
      `manifest: ${path}\n`,
  );
});
