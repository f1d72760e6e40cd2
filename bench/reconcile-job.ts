/**
 * The reconciliation job's figures alone (bench/reconcile.ts), without the gateway scenarios:
 *   npx tsx bench/reconcile-job.ts --preset large [--seed 1] [--keep .data/bench-large.json] [--accuracy]
 * `--keep` loads the sources once and reuses them on the next call (bench/support/sources.ts); the store
 * then already holds the previous call's runs, so its "full" run is a full run over a reconciled store.
 * `--accuracy` then measures the store against the generator's ground truth (per kind, reliability, ECE),
 * as `npm run accuracy` does — on `large` without generating and loading it a second time. The postings the
 * bench added are not in the manifest and are not counted.
 */
import { parseArgs } from 'node:util';
import { formatKinds, measureKinds } from '../scripts/accuracy-kinds';
import { prepareSources } from './support/sources';
import { benchJob } from './reconcile';

const { values } = parseArgs({
  options: { preset: { type: 'string', default: 'demo' }, seed: { type: 'string', default: '1' }, keep: { type: 'string' }, accuracy: { type: 'boolean' } },
});
const preset = values.preset === 'large' ? 'large' : 'demo';
const s = await prepareSources(preset, { keep: values.keep, seed: Number(values.seed) });
try {
  const m = s.municipality;
  console.log(
    `${preset} seed ${values.seed}: ${m.fagsystem.indsatser.length} indsatser, ${m.oekonomi.posteringer.length} posteringer; ready in ${s.loadSeconds.toFixed(1)} s`,
  );
  await benchJob(s, { full: !s.kept, onLine: (line) => console.log(line) });
  if (values.accuracy) console.log(formatKinds(await measureKinds(s.store.db, m.manifest)).join('\n'));
} finally {
  await s.close();
}
process.exit(0);
