/**
 * One scenario at a time while working on the gateway's costs (not part of `npm run bench`):
 *   tsx bench/narrow.ts S1|S2|S4 [seconds] [rounds]   (demo preset, Mercurius, ratios as in bench/gateway.ts)
 *   NARROW_BEFORE=<path to another build's dist/src/server/main.js> also measures that build in the same
 *     alternating rounds (before/after ratios from one run);
 *   NARROW_PROFILE=<dir> writes this build's CPU profile (node --cpu-prof) into <dir> on exit.
 */
import { loadavg } from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import { graphql, request } from './support/client';
import { NESTED_PAGE, SINGLE_CASE, SMALL, nestedRaw, nestedThrough } from './gateway';
import { startGatewayProcess, type GatewayProcess } from './support/gateway-process';
import { entryFor, startService } from './support/processes';
import { prepareSources } from './support/sources';
import { alternatingThroughput, alternatingTimes, fmtRatio, median, ratios, spread } from './support/measure';

const [which = 'S1', secs = '6', rnds = '3'] = process.argv.slice(2);

const la = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
const s = await prepareSources('demo');
const env = { FAGSYSTEM_URL: s.urls.fagsystem, STORE_URL: s.urls.store };
const base = await startService('baselines', entryFor('bench/baselines/server.ts', false).args, env, /baselines listening on (\S+)/, 120_000);
const gws: Record<string, GatewayProcess> = {};
if (process.env.NARROW_PROFILE) process.env.BENCH_GATEWAY_NODE_ARGS = `--cpu-prof --cpu-prof-dir=${process.env.NARROW_PROFILE}`;
gws.after = await startGatewayProcess(s, 'mercurius');
delete process.env.BENCH_GATEWAY_NODE_ARGS;
if (process.env.NARROW_BEFORE) {
  process.env.BENCH_GATEWAY_ENTRY = process.env.NARROW_BEFORE;
  gws.before = await startGatewayProcess(s, 'mercurius');
  delete process.env.BENCH_GATEWAY_ENTRY;
}
const team = s.municipality.fagsystem.teams[0]!.team_id;
const sag = s.municipality.fagsystem.sager.filter((x) => x.team_id === team).map((x) => x.sagsnummer);
const pick = (i: number) => sag[(i * 7919) % sag.length]!;
const load = { rounds: Number(rnds), seconds: Number(secs) / Number(rnds), concurrency: 16 };
let shown = 0;
const show = (r: { status: number; body: unknown }) => {
  if (!shown++) console.log(r.status, JSON.stringify(r.body).slice(0, 300));
};
console.log(`load average before: ${la()}`);
try {
  if (which === 'S1' || which === 'S2') {
    const targets: Record<string, (i: number) => Promise<boolean>> = {};
    for (const [name, gw] of Object.entries(gws)) {
      targets[name] =
        which === 'S1'
          ? async () => {
              const r = await graphql(gw.url, SMALL, undefined, gw.headers());
              if (r.status !== 200) show(r);
              return r.status === 200;
            }
          : async (i) => {
              const r = await graphql(gw.url, SINGLE_CASE, { s: pick(i) }, gw.headers());
              if (r.status !== 200 || r.body.errors) show(r);
              return r.status === 200 && !r.body.errors;
            };
    }
    targets.baseline =
      which === 'S1'
        ? async () => (await graphql(base.url, SMALL)).status === 200
        : async (i) => (await request(`${base.url}/sag/${encodeURIComponent(pick(i))}`)).status === 200;
    if (which === 'S2') {
      const g2 = await graphql(gws.after!.url, SINGLE_CASE, { s: pick(1) }, gws.after!.headers());
      const b2 = await request(`${base.url}/sag/${encodeURIComponent(pick(1))}`);
      console.log('S2 same answer:', isDeepStrictEqual(g2.body, b2.body));
    }
    const t = await alternatingThroughput(targets, load);
    const b = t.baseline!.map((r) => r.rps);
    for (const name of Object.keys(gws)) {
      const g = t[name]!.map((r) => r.rps);
      console.log(
        `${which} ${name.padEnd(6)} ${median(g).toFixed(0)} req/s (errors ${t[name]!.reduce((n, r) => n + r.errors, 0)}) vs baseline ${median(b).toFixed(0)} req/s = ${fmtRatio(spread(ratios(g, b)))}`,
      );
    }
  } else {
    const target = Math.min(10_000, s.municipality.fagsystem.indsatser.length);
    const passes: Record<string, () => Promise<unknown>> = {};
    for (const [name, gw] of Object.entries(gws)) passes[name] = nestedThrough(gw, target);
    passes.raw = nestedRaw(base, target);
    for (const p of Object.values(passes)) await p();
    const g4 = await graphql(gws.after!.url, NESTED_PAGE, { after: null }, gws.after!.headers('oekonomi'));
    const b4 = await request(`${base.url}/indsatser`);
    console.log('S4 same first page:', isDeepStrictEqual(g4.body.data?.indsatser.nodes, b4.body.data.indsatser.nodes));
    const t = await alternatingTimes(passes, Number(rnds));
    for (const name of Object.keys(gws)) {
      console.log(
        `S4 ${name.padEnd(6)} ${median(t[name]!).toFixed(0)} ms vs raw ${median(t.raw!).toFixed(0)} ms = ${fmtRatio(spread(ratios(t[name]!, t.raw!)))}`,
      );
    }
  }
  console.log(`load average after: ${la()}`);
} finally {
  for (const gw of Object.values(gws)) await gw.stop();
  await base.stop();
  await s.close();
}
process.exit(0);
