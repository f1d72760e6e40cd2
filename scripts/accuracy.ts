/**
 * `npm run accuracy [-- --preset demo --seed 42 --db pglite|postgres]`: generates a municipality, runs the
 * reconciliation job against it through the real connectors and stand-ins, and measures the reconciled
 * store against the generator's ground-truth manifest. The LAST line is `precision=0.xxxx recall=0.xxxx`.
 */
import { parseArgs } from 'node:util';
import { runReconciliation } from '../src/reconcile/job/run';
import type { PresetName } from '../simulators/generator';
import { reconcileSetup } from './reconcile-setup';
import { formatAccuracy, measure } from './accuracy-measure';
import { explainErrors, formatKinds, measureKinds } from './accuracy-kinds';

const { values } = parseArgs({
  options: { preset: { type: 'string', default: 'demo' }, seed: { type: 'string' }, db: { type: 'string', default: 'pglite' }, forklar: { type: 'string' } },
});
const preset = values.preset as PresetName;
const db = values.db === 'postgres' ? 'postgres' : 'pglite';
const setup = await reconcileSetup({ preset, seed: values.seed ? Number(values.seed) : undefined, sources: db, store: db });
try {
  const t0 = performance.now();
  const run = await runReconciliation({ db: setup.store.db, connectors: setup.connectors, clock: setup.clock }, { type: 'FULD', udloeser: 'MANUEL' });
  const ms = performance.now() - t0;
  if (run.status !== 'OK') throw new Error('the reconciliation run did not take place (another run holds the lock)');
  const a = await measure(setup.store.db, setup.municipality.manifest);
  const lines = formatAccuracy(a, `${preset} (seed ${setup.municipality.seed}, ${db})`);
  console.log(
    `generated in ${(setup.timings.generateMs / 1000).toFixed(1)} s, seeded in ${(setup.timings.loadMs / 1000).toFixed(1)} s, full reconciliation run ${(ms / 1000).toFixed(1)} s`,
  );
  if (values.forklar) console.log((await explainErrors(setup.store.db, setup.municipality.manifest, Number(values.forklar))).join('\n'));
  console.log(formatKinds(await measureKinds(setup.store.db, setup.municipality.manifest)).join('\n'));
  console.log(lines.join('\n'));
} finally {
  await setup.close();
}
process.exit(0);
