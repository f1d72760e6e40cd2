/**
 * `npm run bench:compare -- <commitA> <commitB> [--rounds 7] [--seconds 2] [--engines mercurius,apollo] [--scenarios S1,S2,S4] [--tsx]
 *    [--cpu-prof <dir>]`
 *
 * The gateway of commit A against the gateway of commit B in ONE run, on the same sources, in alternating rounds
 * (A B, B A, A B, …: a neighbour's load on the shared machine hits both alike, and the order flips so neither is
 * always second), printing B/A with the range of the rounds and flagging a fall of more than 10 %:
 *  S1 a small query (`paragraffer`) and S2 one case (a front-end's sagsoverblik) as a caseworker of one team —
 *     throughput, B/A of req/s;
 *  S4 the nested indsatser pages of bench/gateway.ts as `oekonomi` (every row; a caseworker's cost budget refuses
 *     pages of 500) — B/A of passes per second (time A / time B).
 * Each commit is checked out into a temp worktree and compiled there (bench/support/commit-checkout.ts); each
 * gateway gets its own fresh store database (older commits migrate differently); the source databases and
 * stand-ins are this checkout's (bench/support/sources.ts), loaded once — the gateways only read them, and every
 * commit since cc1bf10 reads the same source tables (the economy system has gained one table since, which older
 * gateways do not ask for). The two gateways' answers are compared before timing.
 *
 * `--cpu-prof <dir>` (with one scenario) runs both gateways under `node --cpu-prof` and prints where B spends
 * more CPU per request or pass than A over the measured rounds (bench/support/cpu-profile.ts); with `--tsx` the
 * profile names source files, compiled it names functions of the bundle.
 *
 * Tokens name ONE role: since the privacy fixes a multi-role token must choose its role per request
 * (`x-aktiv-rolle`) while older commits took the union, so a multi-role token would make the two do different
 * work. Requests rotate over many users of that role, so the per-user cap on citizens a minute (which both
 * commits enforce) does not turn the measurement into a count of refusals.
 */
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { Knex } from 'knex';
import { signDevToken } from '../src/access/auth/dev-key';
import { openDatabase } from '../src/db/open';
import { createTempDatabase, type TempDatabase } from '../test/support/postgres';
import { graphql, type JsonResponse } from './support/client';
import { checkoutCommit, type Checkout } from './support/commit-checkout';
import { compareProfiles, profileIn, summarizeProfile, type ProfileSummary } from './support/cpu-profile';
import { gatewayEnv, identityProvider } from './support/gateway-process';
import { closedLoop, fmtInt, fmtRatio, median, spread, type LoadResult, type Spread } from './support/measure';
import { freePort, startService, type Service } from './support/processes';
import { prepareSources, type BenchSources } from './support/sources';

// the scenarios' documents, as bench/gateway.ts sends them
const SMALL = `{ paragraffer { kode betegnelse lov beskrivelse konto } }`;
const SINGLE_CASE = `query($s: String!) { sag(sagsnummer: $s) { sagsnummer status borger { id } indsatser { paragraf { kode } leverandoer { navn } forventetStart forventetSlut priser { forventet { prMaaned } kontraktFagsystem } } } }`;
const NESTED_PAGE = `query($after: String) { indsatser(first: 500, after: $after) { pageInfo { hasNextPage endCursor }
  nodes { id paragraf { kode } status forventetStart forventetSlut omfang { enhedspris antalEnheder }
    sag { sagsnummer team { navn } } leverandoer { navn pnummer } bestillinger { kontraktprisPrMaaned gyldigFra } opfoelgninger { planlagtDato udfoertDato } } } }`;

const FALL = 0.9;
const USERS = 128;

interface Options {
  refs: [string, string];
  rounds: number;
  seconds: number;
  concurrency: number;
  engines: Array<'mercurius' | 'apollo'>;
  scenarios: Set<Scenario>;
  run: 'compiled' | 'tsx';
  cpuProf?: string;
}
type Scenario = 'S1' | 'S2' | 'S4';
const USAGE =
  'usage: npm run bench:compare -- <commitA> <commitB> [--rounds 7] [--seconds 2] [--engines mercurius,apollo] [--scenarios S1,S2,S4] [--tsx] [--cpu-prof <dir>]';

function parseArgs(argv: string[]): Options {
  const refs: string[] = [];
  const o: Omit<Options, 'refs'> = {
    rounds: 7,
    seconds: 2,
    concurrency: 16,
    engines: ['mercurius', 'apollo'],
    scenarios: new Set<Scenario>(['S1', 'S2', 'S4']),
    run: 'compiled',
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--rounds') o.rounds = Number(value());
    else if (a === '--seconds') o.seconds = Number(value());
    else if (a === '--concurrency') o.concurrency = Number(value());
    else if (a === '--engines') o.engines = value().split(',') as Options['engines'];
    else if (a === '--scenarios') o.scenarios = new Set(value().split(',') as Scenario[]);
    else if (a === '--cpu-prof') o.cpuProf = resolve(value());
    else if (a === '--tsx') o.run = 'tsx';
    else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
    else refs.push(a);
  }
  if (refs.length !== 2) throw new Error(USAGE);
  if ([...o.scenarios].some((x) => !['S1', 'S2', 'S4'].includes(x))) throw new Error('--scenarios: S1, S2 and/or S4');
  if (o.cpuProf && o.scenarios.size !== 1) throw new Error('--cpu-prof profiles the measured rounds of ONE scenario: give --scenarios S1, S2 or S4');
  if (!(o.rounds >= 2 && o.seconds > 0 && o.concurrency >= 1)) throw new Error('--rounds ≥ 2, --seconds > 0, --concurrency ≥ 1');
  if (o.engines.some((e) => e !== 'mercurius' && e !== 'apollo')) throw new Error('--engines: mercurius and/or apollo');
  return { refs: refs as [string, string], ...o };
}

/** Users of one role, one token each (same team and unit), handed out round-robin. */
async function users(role: string, team: { team_id: number; enhed_id: number }, purpose: string) {
  const { key } = await identityProvider();
  const headers = await Promise.all(
    Array.from({ length: USERS }, async (_, i) => ({
      authorization: `Bearer ${await signDevToken(key, { sub: `bench-ab-${role}-${i}`, roles: [role], team: team.team_id, enhed: team.enhed_id }, { expiresIn: '4h' })}`,
      'x-formaal': purpose,
    })),
  );
  let next = 0;
  return { at: (i: number) => headers[i % USERS]!, next: () => headers[next++ % USERS]! };
}

interface Gateway extends Service {
  checkout: Checkout;
  store: TempDatabase;
  /** where `node --cpu-prof` writes this gateway's profile, when profiling */
  profileDir?: string;
}

/** Starts commit `c`'s gateway on its own fresh store and waits out its start-up reconciliation run. */
async function startGateway(c: Checkout, s: BenchSources, engine: 'mercurius' | 'apollo', cpuProf?: string): Promise<Gateway> {
  const store = await createTempDatabase(`bench_ab_${c.short}`);
  const { jwksUrl } = await identityProvider();
  try {
    const env = gatewayEnv(s, engine, { port: await freePort(), jwksUrl, storeUrl: store.url });
    const profileDir = cpuProf ? join(cpuProf, `${c.short}-${engine}`) : undefined;
    const args = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, ...c.args] : c.args;
    const service = await startService(`gateway ${c.short} (${engine})`, args, env, /GraphQL:\s+POST (http:\/\/\S+)\/graphql/, 600_000, c.dir);
    const db: Knex = openDatabase({ kind: 'postgres', url: store.url });
    try {
      const deadline = Date.now() + 900_000;
      for (;;) {
        const [r] = (await db('afstemning_koersel').select(
          db.raw(`count(*) filter (where udloeser = 'START')::int as started, count(*) filter (where status = 'KOERER')::int as running`),
        )) as Array<{ started: number; running: number }>;
        if (r && r.started > 0 && r.running === 0) break;
        if (Date.now() > deadline) throw new Error(`gateway ${c.short}: start-up reconciliation run did not finish`);
        await new Promise((ok) => setTimeout(ok, 250));
      }
    } finally {
      await db.destroy();
    }
    return { ...service, checkout: c, store, profileDir };
  } catch (e) {
    await store.drop().catch(() => undefined);
    throw e;
  }
}

/** Cursors are opaque and sealed since the privacy fixes: the same rows, a different cursor text. */
function withoutCursors(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutCursors);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.entries(v)
        .filter(([k]) => k !== 'endCursor' && k !== 'startCursor' && k !== 'cursor')
        .map(([k, x]) => [k, withoutCursors(x)]),
    );
  return v;
}

/** The first path at which two JSON values differ, or null. */
function firstDifference(a: unknown, b: unknown, path = ''): string | null {
  if (isDeepStrictEqual(a, b)) return null;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
      if (d) return d;
    }
  }
  return `${path || '(root)'}: ${JSON.stringify(a)?.slice(0, 120)} vs ${JSON.stringify(b)?.slice(0, 120)}`;
}

/** One full S4 pass (every page) through `gw`; the nodes when asked for. */
async function nestedPass(gw: Service, headers: Record<string, string>, keep = false): Promise<{ rows: number; nodes: unknown[] }> {
  let after: string | null = null;
  let rows = 0;
  const nodes: unknown[] = [];
  do {
    const r: JsonResponse = await graphql(gw.url, NESTED_PAGE, { after }, headers);
    if (r.status !== 200 || r.body.errors) throw new Error(`S4 ${gw.url}: ${r.status} ${JSON.stringify(r.body.errors?.[0])}`);
    const c: { nodes: unknown[]; pageInfo: { hasNextPage: boolean; endCursor: string } } = r.body.data.indsatser;
    rows += c.nodes.length;
    if (keep) nodes.push(...c.nodes);
    after = c.pageInfo.hasNextPage ? c.pageInfo.endCursor : null;
  } while (after);
  return { rows, nodes };
}

interface Figure {
  label: string;
  a: number;
  b: number;
  unit: string;
  ratio: Spread;
  errors: [number, number];
  /** requests (S1, S2) or passes (S4) each gateway served in the measured rounds */
  units: [number, number];
  /** CPU ms each gateway process used per request or pass in the measured rounds (neighbours' load does not inflate it) */
  cpu: [number | null, number | null];
}

/** The gateway processes' own CPU per request or pass: a second view that the neighbours' load does not move. */
const cpuText = (f: Figure) =>
  f.cpu[0] !== null && f.cpu[1] !== null
    ? `\n${''.padEnd(26)} gateway CPU per ${f.unit === 'ms' ? 'pass' : 'request'}: A ${f.cpu[0].toFixed(f.unit === 'ms' ? 0 : 2)} ms, B ${f.cpu[1].toFixed(f.unit === 'ms' ? 0 : 2)} ms (A/B ${(f.cpu[0] / f.cpu[1]).toFixed(2)}×)`
    : '';

/**
 * A pause between the warm-up and the measured rounds: V8's optimising compiler and concurrent GC finish the
 * warm-up's work on background threads, which would otherwise be counted in the CPU of the gateway warmed up last.
 */
const settle = () => new Promise((ok) => setTimeout(ok, 1500));

const ordered = <T>(round: number, a: T, b: T): Array<['a' | 'b', T]> =>
  round % 2 === 0
    ? [
        ['a', a],
        ['b', b],
      ]
    : [
        ['b', b],
        ['a', a],
      ];

async function throughput(
  label: string,
  o: Options,
  gws: { a: Gateway; b: Gateway },
  request: (gw: Gateway, i: number) => Promise<boolean>,
  onMeasure: () => void,
): Promise<Omit<Figure, 'cpu'>> {
  const load = { seconds: o.seconds, concurrency: o.concurrency };
  // warm-up of both (Mercurius compiles a document once seen twice; pools, plans, token cache)
  for (const gw of [gws.a, gws.b]) await closedLoop({ ...load, seconds: Math.min(1, o.seconds), request: (i) => request(gw, i) });
  const runs: Record<'a' | 'b', LoadResult[]> = { a: [], b: [] };
  await settle();
  onMeasure();
  for (let r = 0; r < o.rounds; r++)
    for (const [k, gw] of ordered(r, gws.a, gws.b)) runs[k].push(await closedLoop({ ...load, request: (i) => request(gw, i) }));
  const rps = (k: 'a' | 'b') => runs[k].map((x) => x.rps);
  return {
    label,
    a: median(rps('a')),
    b: median(rps('b')),
    unit: 'req/s',
    ratio: spread(rps('b').map((x, i) => x / rps('a')[i]!)),
    errors: [runs.a.reduce((n, x) => n + x.errors, 0), runs.b.reduce((n, x) => n + x.errors, 0)],
    units: [runs.a.reduce((n, x) => n + x.requests, 0), runs.b.reduce((n, x) => n + x.requests, 0)],
  };
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const started = new Date();
  const loadStart = loadavg();
  const checkouts: Checkout[] = [];
  const gateways: Gateway[] = [];
  let s: BenchSources | undefined;
  const cleanup = async () => {
    for (const g of gateways.splice(0)) {
      await g.stop().catch(() => undefined);
      await g.store.drop().catch(() => undefined);
    }
    if (s) await s.close().catch(() => undefined);
    s = undefined;
    for (const c of checkouts.splice(0)) c.remove();
  };
  process.once('SIGINT', () => void cleanup().finally(() => process.exit(130)));
  const out: string[] = [];
  const figures: Figure[] = [];
  try {
    for (const ref of o.refs) checkouts.push(checkoutCommit(ref, o.run));
    const [ca, cb] = checkouts as [Checkout, Checkout];
    s = await prepareSources('demo');
    const m = s.municipality;
    // the team with the most cases: the caseworker's S2 cases are its own (a caseworker sees their team's rows)
    const perTeam = new Map<number, string[]>();
    for (const x of m.fagsystem.sager) perTeam.set(x.team_id, [...(perTeam.get(x.team_id) ?? []), x.sagsnummer]);
    const [teamId, sager] = [...perTeam].sort((x, y) => y[1].length - x[1].length)[0]!;
    const team = m.fagsystem.teams.find((t) => t.team_id === teamId)!;
    const pick = (i: number) => sager[(i * 7919) % sager.length]!;
    const caseworker = await users('sagsbehandler', team, 'SAGSBEHANDLING');
    const economy = await users('oekonomi', team, 'OEKONOMI');

    out.push(
      `bench:compare ${started.toISOString()} node ${process.version}: A = ${ca.short} (${ca.subject.slice(0, 70)}), B = ${cb.short} (${cb.subject.slice(0, 70)})`,
      `  demo seed 1 (${m.fagsystem.sager.length} sager, ${m.fagsystem.indsatser.length} indsatser), sources loaded once by this checkout; each gateway its own fresh store database`,
      `  gateways: ${o.run === 'compiled' ? 'compiled in their own worktree with esbuild as build:js (node dist/src/server/main.js)' : 'TypeScript through tsx in their own worktree'}, node_modules A ${ca.modules}, B ${cb.modules}; NODE_ENV=production, LOG_LEVEL=info`,
      `  ${o.rounds} rounds, order flipping (A B, B A, …); S1/S2 ${o.seconds} s of ${o.concurrency}-client load per gateway per round; S4 one full pass per gateway per round`,
      `  scenarios ${[...o.scenarios].join(', ')}; S1, S2 as sagsbehandler of team ${team.team_id} (${sager.length} sager); S4 as oekonomi (every row); ${USERS} users per role, single-role tokens`,
      `  load average at start ${loadStart.map((x) => x.toFixed(1)).join(' ')} (2 cores, shared)`,
    );
    console.log(out.join('\n'));

    for (const engine of o.engines) {
      const a = await startGateway(ca, s, engine, o.cpuProf);
      gateways.push(a);
      const b = await startGateway(cb, s, engine, o.cpuProf);
      gateways.push(b);
      const gws = { a, b };

      // the two must answer alike, or the ratio compares different work
      const same: string[] = [];
      const compare = (label: string, x: unknown, y: unknown) => {
        const d = firstDifference(withoutCursors(x), withoutCursors(y));
        same.push(d ? `${label} DIFFER at ${d}` : `${label} equal`);
        if (d) console.log(`  ! ${engine} ${label}: A and B answer differently (${d}) — the ratio compares different work`);
      };
      compare('S1', (await graphql(a.url, SMALL, undefined, caseworker.at(0))).body, (await graphql(b.url, SMALL, undefined, caseworker.at(0))).body);
      for (const i of [1, 2, 3, 4, 5])
        compare(
          `S2 ${pick(i)}`,
          (await graphql(a.url, SINGLE_CASE, { s: pick(i) }, caseworker.at(i))).body,
          (await graphql(b.url, SINGLE_CASE, { s: pick(i) }, caseworker.at(i))).body,
        );
      const pa = await nestedPass(a, economy.next(), true);
      const pb = await nestedPass(b, economy.next(), true);
      compare(`S4 (${fmtInt(pa.rows)} rows)`, pa.nodes, pb.nodes);
      out.push(
        `${engine}: answers compared before timing: ${same.filter((x) => x.endsWith('equal')).length} of ${same.length} equal${same.some((x) => !x.endsWith('equal')) ? ` — ${same.filter((x) => !x.endsWith('equal')).join('; ')}` : ''}`,
      );

      const ok = (r: { status: number; body: { errors?: unknown[] } }) => r.status === 200 && !r.body.errors;
      const measured: Figure[] = [];
      let measureStart = 0; // the profile's window starts at the (one) scenario's measured rounds
      let cpuStart: Array<number | null> = [null, null];
      const onMeasure = () => {
        measureStart = Date.now();
        cpuStart = [a.cpuMs(), b.cpuMs()];
      };
      // CPU per unit of each gateway process over the measured rounds (a gateway idles while the other is measured)
      const withCpu = (f: Omit<Figure, 'cpu'>): Figure => {
        const end = [a.cpuMs(), b.cpuMs()];
        const per = (i: 0 | 1) => (cpuStart[i] != null && end[i] != null ? (end[i]! - cpuStart[i]!) / f.units[i] : null);
        return { ...f, cpu: [per(0), per(1)] };
      };
      if (o.scenarios.has('S1'))
        measured.push(
          withCpu(
            await throughput(`${engine} S1 small query`, o, gws, async (gw, i) => ok(await graphql(gw.url, SMALL, undefined, caseworker.at(i))), onMeasure),
          ),
        );
      if (o.scenarios.has('S2'))
        measured.push(
          withCpu(
            await throughput(
              `${engine} S2 single case`,
              o,
              gws,
              async (gw, i) => ok(await graphql(gw.url, SINGLE_CASE, { s: pick(i) }, caseworker.at(i))),
              onMeasure,
            ),
          ),
        );
      if (o.scenarios.has('S4')) {
        const times: Record<'a' | 'b', number[]> = { a: [], b: [] };
        await settle();
        onMeasure();
        for (let r = 0; r < o.rounds; r++) {
          for (const [k, gw] of ordered(r, a, b)) {
            const t = performance.now();
            await nestedPass(gw, economy.next());
            times[k].push(performance.now() - t);
          }
        }
        measured.push(
          withCpu({
            label: `${engine} S4 ${fmtInt(pa.rows)} nested`,
            a: median(times.a),
            b: median(times.b),
            unit: 'ms',
            ratio: spread(times.a.map((x, i) => x / times.b[i]!)),
            errors: [0, 0],
            units: [o.rounds, o.rounds],
          }),
        );
      }
      for (const f of measured) {
        figures.push(f);
        const line = `${f.label.padEnd(26)} A ${fmtInt(f.a).padStart(6)} ${f.unit}  B ${fmtInt(f.b).padStart(6)} ${f.unit}  B/A ${fmtRatio(f.ratio)}${f.errors[0] + f.errors[1] ? `  errors A ${f.errors[0]} B ${f.errors[1]}` : ''}${f.ratio.median < FALL ? `  !! B falls ${((1 - f.ratio.median) * 100).toFixed(0)} % (> 10 %)` : ''}${cpuText(f)}`;
        out.push(line);
        console.log(line);
      }
      out.push(
        `  load average after ${engine}: ${loadavg()
          .map((x) => x.toFixed(1))
          .join(' ')}`,
      );
      const stopped: number[] = [];
      for (const g of gateways.splice(0)) {
        await g.stop();
        stopped.push(Date.now());
        await g.store.drop().catch(() => undefined);
      }
      if (o.cpuProf && measured[0]) {
        // node writes the profile as the gateway exits (SIGTERM → its shutdown → process.exit)
        const files = [a, b].map((g) => (g.profileDir ? profileIn(g.profileDir) : null));
        if (files[0] && files[1]) {
          const [pa2, pb2] = [0, 1].map((i) => summarizeProfile(files[i]!, stopped[i]! - measureStart)) as [ProfileSummary, ProfileSummary];
          const unit = measured[0].unit === 'ms' ? 'pass' : 'request';
          const lines = [`${measured[0].label}: CPU profiles (${files.join(', ')})`, ...compareProfiles(pa2, pb2, measured[0].units, unit)];
          out.push(...lines);
          console.log(lines.join('\n'));
        } else out.push(`  no CPU profile written (${files.join(', ')})`);
      }
    }
  } finally {
    await cleanup();
  }
  const falls = figures.filter((f) => f.ratio.median < FALL);
  out.push(
    `(B/A: throughput of B over A — for S4 passes per second, i.e. time A / time B; below ${FALL.toFixed(2)}× is a fall of more than 10 %)`,
    falls.length ? `FALL > 10 %: ${falls.map((f) => f.label).join(', ')}` : 'no figure of B falls more than 10 % below A',
  );
  console.log('\n' + out.join('\n'));
  process.exit(falls.length ? 1 : 0);
}

await main();
