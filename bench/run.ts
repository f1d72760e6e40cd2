/**
 * `npm run bench`: every benchmark, printing ratios against fair baselines measured in the same run.
 *   npm run bench                 demo and large presets
 *   npm run bench -- --quick      demo only, shorter load phases
 *   npm run bench -- --preset large [--keep .data/bench-large.json]
 *                                 one preset; `--keep` reuses sources loaded and reconciled by an earlier call
 *                                 (bench/support/sources.ts: loading `large` takes most of the run)
 * Per preset: the sources are loaded (and ANALYZEd), the reconciliation job runs (bench/reconcile.ts), then
 * the gateway as its own process is measured against the baselines and PostGraphile (bench/gateway.ts).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { prepareSources } from './support/sources';
import { benchJob } from './reconcile';
import { benchScenarios, type ScenarioFigures } from './gateway';
import { benchAnalytics } from './analytics';

const quick = process.argv.includes('--quick');
const argAfter = (flag: string) => {
  const i = process.argv.indexOf(flag);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const only = argAfter('--preset');
if (only !== undefined && only !== 'demo' && only !== 'large') throw new Error(`--preset must be demo or large, not ${only}`);
const keep = argAfter('--keep');
const presets: Array<'demo' | 'large'> = only ? [only] : quick ? ['demo'] : ['demo', 'large'];
const options = quick ? { seconds: 3, rounds: 3, concurrency: 16 } : { seconds: 10, rounds: 5, concurrency: 16 };

const out: string[] = [
  `bench: ${new Date().toISOString()} node ${process.version}, ${presets.join('+')}, ${options.seconds} s of load per target and scenario in ${options.rounds} alternating rounds, ${options.concurrency} clients, real PostgreSQL 127.0.0.1:5432`,
];
// the gateway runs compiled JavaScript, as in production, when the project has a build (esbuild: seconds)
const scripts = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {};
if (scripts['build:js']) {
  try {
    execFileSync('npm', ['run', '-s', 'build:js'], { stdio: 'inherit' });
  } catch {
    out.push('npm run build:js failed: the gateway runs through tsx');
  }
}
const figures: ScenarioFigures = {};
for (const p of presets) {
  const s = await prepareSources(p, { keep });
  try {
    const m = s.municipality;
    out.push(
      `${p}: ${m.fagsystem.sager.length} sager, ${m.fagsystem.indsatser.length} indsatser, ${m.oekonomi.posteringer.length} posteringer; ${s.kept ? 'generated (sources kept from an earlier run)' : 'generated, loaded and analyzed'} in ${s.loadSeconds.toFixed(1)} s`,
    );
    out.push(...(await benchJob(s, { full: !s.kept })));
    console.log(out.join('\n'));
    out.push(...(await benchScenarios(s, options, figures)));
    out.push(...(await benchAnalytics(s)));
  } finally {
    await s.close();
  }
  console.log(out.join('\n'));
}
console.log('\n' + out.join('\n'));
process.exit(0);
