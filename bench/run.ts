/**
 * `npm run bench`: every benchmark, printing ratios against baselines measured in the same run.
 *   npm run bench                 demo and large presets
 *   npm run bench -- --quick      demo only, shorter load phases
 */
import { benchGateway } from './gateway';

const quick = process.argv.includes('--quick');
const presets: Array<'demo' | 'large'> = quick ? ['demo'] : ['demo', 'large'];
const seconds = quick ? 3 : 10;

const out: string[] = [`bench: ${new Date().toISOString()} node ${process.version}, ${presets.join('+')}, ${seconds}s load phases, real PostgreSQL 127.0.0.1:5432`];
for (const p of presets) {
  out.push(...(await benchGateway(p, seconds)));
  console.log(out.join('\n'));
}
try {
  const reconcile = await import('./reconcile').catch(() => null);
  if (reconcile && 'benchReconcile' in reconcile) out.push(...(await (reconcile as { benchReconcile: (p: string[]) => Promise<string[]> }).benchReconcile(presets)));
} catch (e) {
  out.push(`reconcile bench failed: ${e instanceof Error ? e.message : String(e)}`);
}
try {
  const { benchAnalytics } = await import('./analytics');
  out.push(...(await benchAnalytics(presets)));
} catch (e) {
  out.push(`analytics bench failed: ${e instanceof Error ? e.message : String(e)}`);
}
console.log('\n' + out.join('\n'));
process.exit(0);
