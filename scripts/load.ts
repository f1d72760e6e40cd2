/**
 * `npm run load` (issue 13): the mixed load on `demo` over the machine's real PostgreSQL, then the fault scenarios
 * under load — a source slow, answering 500, killed; PostgreSQL connections terminated; Redis killed, and paused;
 * SIGTERM to a replica; a replica started while a source is down. Two gateway replicas run as their own processes
 * (node as the process that gets the signals) behind a client-side balancer that, like a load balancer, sends a
 * request to the other replica when one refuses the connection or answers 503. Loopback only; Redis is this
 * script's own redis-server on a free port; bounded: every scenario runs a fixed number of seconds (`--quick`:
 * fewer), the whole run a few minutes.
 *
 * Two kinds of load (scripts/load/drivers.ts). First the capacity, closed loop: 50 and 200 clients sending
 * back-to-back, saturated. Then a paced baseline and every fault at a fixed arrival rate — by default half the
 * 50-client throughput, what one replica of two must carry when the other goes (N+1) — because under saturation a
 * fault's lost sliver of capacity shows up as multiplied queueing, and p95 measures the queue, not the fault.
 *
 * Per scenario it prints: requests, failed requests OUTSIDE the faulted source's fields (must be 0), p95 per
 * operation against the baseline of the same mode, and the recovery time after the fault ends (scripts/load/row.ts).
 *
 *   --quick                 9 s a scenario instead of 18
 *   --only killed,slow      the baselines and the scenarios whose name contains one of these (investigating)
 *   --rate 0.5 | --rate 200 the paced rate: a fraction (≤ 1) of the closed 50-client throughput, or requests a second
 *   --max-in-flight N       the paced load's bound on outstanding requests (default: rate × 10 s)
 *   LOAD_TIMELINE=1         each scenario second by second as well; LOAD_DEBUG=1 every failed request's first error;
 *   LOAD_METRICS=1          each replica's pools, bulkheads and event-loop lag twice a second (scripts/load/metrics-sampler.ts)
 */
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { prepareSources, type BenchSources } from '../bench/support/sources';
import { entryFor, freePort, startService, type Service } from '../bench/support/processes';
import { request } from '../bench/support/client';
import { createDevKey, signDevToken, DEV_AUDIENCE, DEV_ISSUER } from '../src/access/auth/dev-key';
import { EMBEDDED_INVOCATION_CONTEXT, EMBEDDED_TP_CREDENTIALS } from '../src/server/embedded-municipality';
import { startFaultProxy, type FaultProxy } from '../test/support/fault-proxy';
import { startOwnRedis, type OwnRedis } from '../test/support/own-redis';
import { closedLoop, pacedLoop } from './load/drivers';
import { sampleMetrics } from './load/metrics-sampler';
import { modeLabel, row, throughput, timeline, type Mode, type Sample, type Scenario } from './load/row';

const argv = process.argv.slice(2);
const flag = (name: string): string | undefined => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const quick = argv.includes('--quick');
const only = flag('--only')?.toLowerCase().split(',') ?? null;
const SECONDS = quick ? 9 : 18;
const rateArg = Number(flag('--rate') ?? '0.5');
const maxInFlightArg = flag('--max-in-flight') === undefined ? undefined : Number(flag('--max-in-flight'));
// the in-flight bound's default: every request of rate × 10 s outstanding at once — twice the sources' 5 s timeout,
// so a service answering within its timeouts never meets it; a stall past that is a failure, not memory growth
const IN_FLIGHT_SECONDS = 10;
const usage = (msg: string) => {
  process.stderr.write(`load: ${msg}\n`);
  process.exit(2);
};
if (!(rateArg > 0)) usage(`--rate ${flag('--rate')}: a fraction (≤ 1) of the measured throughput, or requests a second (> 1)`);
if (maxInFlightArg !== undefined && !(Number.isInteger(maxInFlightArg) && maxInFlightArg > 0))
  usage(`--max-in-flight ${flag('--max-in-flight')}: a whole number above 0`);

type Source = 'tilbudsportalen' | 'serviceplatformen' | 'postgres' | 'redis' | 'replica' | null;
type Fault = { start(): Promise<void> | void; stop(): Promise<void> | void };

const OPS = {
  Borgerkort: 'query Borgerkort($c: CPR!) { borger(cpr: $c) { fornavn efternavn cprRegister { status } } }',
  Leverandoerkort: 'query Leverandoerkort($id: ID!) { node(id: $id) { ... on Leverandoer { navn pnummer tilbud { tilbudsnavn } } } }',
  Sagsliste: 'query Sagsliste { sager(first: 20) { nodes { sagsnummer status } } }',
  Sagsoverblik:
    'query Sagsoverblik($s: String!) { sag(sagsnummer: $s) { sagsnummer status borger { id } indsatser { paragraf { kode } leverandoer { navn } priser { forventet { prMaaned } kontraktFagsystem } } } }',
} as const;
type Op = keyof typeof OPS;

/** The gateway and stand-ins as deployed: compiled JavaScript (`npm run build:js`, esbuild: seconds), tsx if that fails. */
function buildOnce(): string {
  try {
    execFileSync('npm', ['run', '-s', 'build:js'], { stdio: 'inherit' });
    return 'compiled (npm run build:js, node dist/…)';
  } catch {
    return 'through tsx (npm run build:js failed)';
  }
}

async function main() {
  const t0 = performance.now();
  const build = buildOnce();
  const sources = await prepareSources('demo');
  const m = sources.municipality;
  // the stand-ins as their own processes (as in docker-compose): in this process they would share its CPU with
  // the 200 client loops, and a load spike here would show up as the gateway's Serviceplatformen timing out
  const standins = [
    await startService(
      'tilbudsportalen stand-in',
      entryFor('simulators/tilbudsportalen/main.ts', true).args,
      { TILBUDSPORTALEN_PORT: '0', SIMULATOR_PRESET: 'demo', SIMULATOR_SEED: '1' },
      /stand-in at (http:\/\/\S+)/,
    ),
    await startService(
      'serviceplatformen stand-in',
      entryFor('simulators/serviceplatformen/main.ts', true).args,
      { SERVICEPLATFORMEN_PORT: '0', SIMULATOR_PRESET: 'demo', SIMULATOR_SEED: '1' },
      /stand-in at (http:\/\/\S+)/,
    ),
  ];
  const tp = await startFaultProxy(standins[0]!.url);
  const sp = await startFaultProxy(standins[1]!.url);
  const redis = await startOwnRedis();
  const key = await createDevKey();
  const jwks = http.createServer((_q, r) => r.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [key.publicJwk] })));
  await new Promise<void>((ok) => jwks.listen(0, '127.0.0.1', ok));
  const jwksUrl = `http://127.0.0.1:${(jwks.address() as { port: number }).port}/jwks`;
  process.stdout.write(
    `gateway and stand-ins ${build}; demo loaded into PostgreSQL in ${sources.loadSeconds.toFixed(1)} s; own redis-server on ${redis.port}; load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}\n`,
  );

  const replicas: Array<Service | null> = [await startReplica(sources, tp, sp, redis, jwksUrl), await startReplica(sources, tp, sp, redis, jwksUrl)];
  // each replica's start-up reconciliation would compete for the CPU with the load: wait until none runs
  await reconciliationIdle(sources);
  const team = m.fagsystem.teams[0]!;
  const sager = m.fagsystem.sager.filter((s) => s.team_id === team.team_id);
  const borgerIds = new Set(sager.map((s) => s.borger_id));
  const cprs = m.fagsystem.borgere.filter((b) => borgerIds.has(b.borger_id)).map((b) => b.cpr);
  const levIds = m.fagsystem.leverandoerer.filter((l) => l.tilbudsid !== null).map((l) => Buffer.from(`Leverandoer:${l.leverandoer_id}`).toString('base64url'));
  // 2,000 caseworkers of the team, each request from the next: the citizen caps are per user and minute (a caseworker
  // may read 1,000 citizens a minute), and at several hundred requests a second 200 users would hit them — the
  // load would then measure the cap, not the service
  const tokens = await Promise.all(
    Array.from({ length: 2000 }, (_, i) =>
      signDevToken(key, { sub: `load-${i}`, roles: ['sagsbehandler'], team: team.team_id, enhed: team.enhed_id }, { expiresIn: '2h' }),
    ),
  );
  const variables = (op: Op, i: number): Record<string, unknown> =>
    op === 'Borgerkort'
      ? { c: cprs[i % cprs.length] }
      : op === 'Leverandoerkort'
        ? { id: levIds[i % levIds.length] }
        : op === 'Sagsoverblik'
          ? { s: sager[i % sager.length]!.sagsnummer }
          : {};

  // the load's own agent: as many sockets as requests in flight (bench/support/client's shared one has 64 a host,
  // which would queue a 200-client loop or a paced burst inside this process, not at the gateway)
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  let rr = 0;
  let caller = 0;
  /** one request as a balancer sends it: to the next live replica; refused or 503 → the other one */
  async function send(op: Op, i: number): Promise<{ status: number; body: { data?: any; errors?: any[] } }> {
    let lastErr: unknown;
    const refused = new Set<Service>();
    for (let attempt = 0; attempt < 3; attempt++) {
      const live = replicas.filter((r): r is Service => r !== null && !refused.has(r));
      if (!live.length) break;
      const target = live[rr++ % live.length]!;
      try {
        const res = await request<{ data?: any; errors?: any[] }>(`${target.url}/graphql`, {
          body: { query: OPS[op], variables: variables(op, i) },
          headers: { authorization: `Bearer ${tokens[caller++ % tokens.length]}`, 'x-formaal': 'SAGSBEHANDLING' },
          agent,
        });
        if (res.status !== 503) return res;
      } catch (e) {
        lastErr = e;
      }
      refused.add(target);
    }
    throw lastErr ?? new Error('no replica answered');
  }

  const opOf = (n: number) => (Object.keys(OPS) as Op[])[n % 4]!;
  /** request n, due at `due`: what it came to, with the faulted source's errors told apart from the rest */
  async function fire(n: number, due: number, begin: number, faulted: Source): Promise<Sample> {
    const op = opOf(n);
    let ok = false;
    let faultedOnly = false;
    let clean = false;
    let timeout = false;
    try {
      const res = await send(op, n);
      const errs = res.body.errors ?? [];
      clean = res.status === 200 && errs.length === 0 && res.body.data != null;
      // a failure is any error not naming the faulted source (one that nulls that source's fields is expected)
      const foreign = errs.filter((e) => !(faulted && sourceMatches(faulted, e.extensions?.source, e.extensions?.code)));
      // data may be null when every error is the faulted source's: its root field (the fagsystem's `sager` when
      // PostgreSQL is down) is then the faulted source's field itself
      ok = res.status === 200 && foreign.length === 0 && (res.body.data != null || errs.length > 0);
      timeout = !ok && res.status === 200 && foreign.length > 0 && foreign.every((e) => e.extensions?.code === 'SOURCE_TIMEOUT');
      faultedOnly = ok && errs.length > 0;
      if (!ok && process.env.LOAD_DEBUG) process.stdout.write(`${op} ${res.status} ${JSON.stringify(foreign[0] ?? res.body).slice(0, 300)}\n`);
    } catch (e) {
      if (process.env.LOAD_DEBUG) process.stdout.write(`${op} transport ${String((e as { code?: string }).code ?? e)}\n`);
    }
    return { op, t: due - begin, ms: performance.now() - due, ok, faultedOnly, clean, timeout, notSent: false };
  }

  /** one scenario: the fault (if any) on for its middle third */
  async function run(mode: Mode, seconds: number, faulted: Source, fault?: Fault): Promise<Scenario> {
    const begin = performance.now();
    let faultOn = -1;
    let faultOff = -1;
    const timeline = fault
      ? (async () => {
          await sleep((seconds * 1000) / 3);
          faultOn = performance.now() - begin;
          await fault.start();
          await sleep((seconds * 1000) / 3);
          faultOff = performance.now() - begin;
          await fault.stop();
        })()
      : Promise.resolve();
    const sampler = process.env.LOAD_METRICS ? sampleMetrics(() => replicas.filter((r): r is Service => r !== null).map((r) => r.url), begin) : null;
    const driven =
      mode.kind === 'closed'
        ? await closedLoop({ clients: mode.clients, seconds, begin, fire: (n, due) => fire(n, due, begin, faulted) })
        : await pacedLoop({
            rate: mode.rate,
            seconds,
            begin,
            maxInFlight: mode.maxInFlight,
            fire: (n, due) => fire(n, due, begin, faulted),
            notSent: (n, due): Sample => {
              if (process.env.LOAD_DEBUG) process.stdout.write(`${opOf(n)} not sent: ${mode.maxInFlight} in flight\n`);
              return { op: opOf(n), t: due - begin, ms: 0, ok: false, faultedOnly: false, clean: false, timeout: false, notSent: true };
            },
          });
    await timeline;
    if (sampler) process.stdout.write(`${await sampler.stop()}\n`);
    return { ...driven, faultOn, faultOff };
  }

  const baselines = new Map<string, Record<string, number>>();
  const report = (name: string, mode: Mode, r: Scenario, faulted: Source = null) => {
    const ops = Object.keys(OPS);
    // every operation reads the fagsystem on PostgreSQL (and a citizen read writes the access log there)
    const touched = faulted === 'postgres' ? ops : [];
    const { byOp, line } = row({ name, mode, scenario: r, ops, baseline: baselines.get(modeLabel(mode)), touched });
    if (name === 'baseline') baselines.set(modeLabel(mode), byOp);
    process.stdout.write(line + '\n');
    if (process.env.LOAD_TIMELINE) process.stdout.write(timeline(r) + '\n');
  };

  const want = (name: string) => !only || only.some((o) => name.toLowerCase().includes(o));
  const admin = new pg.Client({ connectionString: sources.urls.store.replace(/\/[^/]+$/, '/postgres') });
  await admin.connect();
  const dbNames = [sources.urls.fagsystem, sources.urls.oekonomi, sources.urls.store].map((u) => new URL(u).pathname.slice(1));

  // capacity, closed loop: a warm-up, not reported (a cold baseline — JIT, pools, caches — would flatter every row
  // measured after it), then the saturated mixed load at 50 and 200 clients
  const closed50: Mode = { kind: 'closed', clients: 50 };
  const closed200: Mode = { kind: 'closed', clients: 200 };
  await run(closed50, Math.ceil(SECONDS / 2), null);
  process.stdout.write(`closed loop: 50 and 200 clients, each sending its next request when the last one answered (saturated: the capacity)\n`);
  const capacity = await run(closed50, SECONDS, null);
  report('baseline', closed50, capacity);
  report('baseline', closed200, await run(closed200, SECONDS, null));

  // the faults, paced: at a fraction of the capacity (default half — what one replica of two carries when the
  // other goes, N+1), so a fault's latency is compared with a service that has headroom, not with a queue
  const rate = rateArg <= 1 ? rateArg * throughput(capacity) : rateArg;
  const paced: Mode = { kind: 'paced', rate, maxInFlight: maxInFlightArg ?? Math.ceil(rate * IN_FLIGHT_SECONDS) };
  process.stdout.write(
    `paced ${rate.toFixed(0)} req/s (${rateArg <= 1 ? `${rateArg} × the closed 50-client throughput ${throughput(capacity).toFixed(0)} req/s` : 'given'}), ` +
      `sent on schedule whatever answers, at most ${paced.maxInFlight} in flight (more: not sent, counted failed); ` +
      `unaffected p95 against the paced baseline\n`,
  );
  report('baseline', paced, await run(paced, SECONDS, null));

  const faults: Array<{ name: string; source: Source; mode?: Mode; fault: Fault }> = [
    {
      name: 'Tilbudsportalen slow (8 s)',
      source: 'tilbudsportalen',
      fault: { start: () => tp.set({ kind: 'slow', ms: 8000 }), stop: () => tp.set({ kind: 'pass' }) },
    },
    {
      name: 'Tilbudsportalen HTTP 500',
      source: 'tilbudsportalen',
      fault: { start: () => tp.set({ kind: 'status', status: 500 }), stop: () => tp.set({ kind: 'pass' }) },
    },
    { name: 'Tilbudsportalen killed', source: 'tilbudsportalen', fault: { start: () => tp.kill(), stop: () => tp.revive() } },
    { name: 'Serviceplatformen killed', source: 'serviceplatformen', fault: { start: () => sp.kill(), stop: () => sp.revive() } },
    {
      name: 'Serviceplatformen slow (8 s)',
      source: 'serviceplatformen',
      fault: { start: () => sp.set({ kind: 'slow', ms: 8000 }), stop: () => sp.set({ kind: 'pass' }) },
    },
    // the same at 200 closed-loop clients: saturated, so its ratio (against the closed 200-client baseline) measures
    // queueing; kept for what it shows that the paced row cannot — 200 callers at once while the CPR register hangs
    {
      name: 'Serviceplatformen slow (8 s)',
      source: 'serviceplatformen',
      mode: closed200,
      fault: { start: () => sp.set({ kind: 'slow', ms: 8000 }), stop: () => sp.set({ kind: 'pass' }) },
    },
    {
      name: 'PostgreSQL connections terminated',
      source: 'postgres',
      fault: {
        start: async () =>
          void (await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = any($1) and pid <> pg_backend_pid()', [dbNames])),
        stop: () => undefined,
      },
    },
    { name: 'Redis killed', source: 'redis', fault: { start: () => redis.kill(), stop: () => redis.start() } },
    // hung rather than gone: connections stay open and nothing answers (the client must give them up by itself)
    { name: 'Redis paused', source: 'redis', fault: { start: () => redis.pause(), stop: () => redis.resume() } },
    {
      name: 'SIGTERM to one replica',
      source: 'replica',
      fault: {
        start: async () => {
          const a = replicas[0]!;
          // the balancer stops sending once /readyz says draining; the drain itself must lose nothing in flight
          const stopping = a.stop();
          await sleep(200);
          replicas[0] = null;
          await stopping;
        },
        stop: async () => {
          replicas[0] = await startReplica(sources, tp, sp, redis, jwksUrl);
        },
      },
    },
  ];
  for (const f of faults) if (want(f.name)) report(f.name, f.mode ?? paced, await run(f.mode ?? paced, SECONDS, f.source, f.fault), f.source);

  // a replica started while Tilbudsportalen is down: it starts degraded and serves
  if (want('replica started with TP down')) {
    await tp.kill();
    const tStart = performance.now();
    const degraded = await startReplica(sources, tp, sp, redis, jwksUrl);
    const startedIn = (performance.now() - tStart) / 1000;
    await reconciliationIdle(sources);
    replicas.push(degraded);
    report(
      'replica started with TP down',
      paced,
      await run(paced, SECONDS, 'tilbudsportalen', { start: () => undefined, stop: () => tp.revive() }),
      'tilbudsportalen',
    );
    process.stdout.write(`replica started with Tilbudsportalen down: ready in ${startedIn.toFixed(1)} s\n`);
  }

  await admin.end();
  for (const r of replicas) await r?.stop();
  await redis.stop();
  await tp.close();
  await sp.close();
  for (const st of standins) await st.stop();
  jwks.close();
  await sources.close();
  process.stdout.write(
    `\ndone in ${((performance.now() - t0) / 1000).toFixed(0)} s; load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}\n`,
  );
  process.exit(0);
}

/** An error belongs to the fault when it names the faulted source (the store's refusals count for PostgreSQL). */
function sourceMatches(faulted: Source, source: unknown, code: unknown): boolean {
  if (faulted === 'postgres')
    return (typeof source === 'string' && ['fagsystem', 'oekonomi', 'gateway-store'].includes(source)) || code === 'ACCESS_LOG_UNAVAILABLE';
  if (faulted === 'tilbudsportalen' || faulted === 'serviceplatformen') return source === faulted;
  return false; // Redis killed or a replica stopped: nothing may fail
}

async function startReplica(s: BenchSources, tp: FaultProxy, sp: FaultProxy, redis: OwnRedis, jwksUrl: string): Promise<Service> {
  const port = await freePort();
  const secret = (c: string) => c.repeat(48);
  return startService(
    'gateway',
    entryFor('src/server/main.ts', true).args,
    {
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      FAGSYSTEM_DATABASE_URL: s.urls.fagsystem,
      OEKONOMI_DATABASE_URL: s.urls.oekonomi,
      GATEWAY_STORE_URL: s.urls.store,
      TILBUDSPORTALEN_URL: tp.url,
      TILBUDSPORTALEN_USERNAME: EMBEDDED_TP_CREDENTIALS.username,
      TILBUDSPORTALEN_PASSWORD: EMBEDDED_TP_CREDENTIALS.password,
      SERVICEPLATFORMEN_URL: sp.url,
      SERVICEPLATFORMEN_SERVICE_AGREEMENT_UUID: EMBEDDED_INVOCATION_CONTEXT.serviceAgreementUuid,
      SERVICEPLATFORMEN_USER_SYSTEM_UUID: EMBEDDED_INVOCATION_CONTEXT.userSystemUuid,
      SERVICEPLATFORMEN_USER_UUID: EMBEDDED_INVOCATION_CONTEXT.userUuid,
      SERVICEPLATFORMEN_SERVICE_UUID_CPR: EMBEDDED_INVOCATION_CONTEXT.serviceUuidCpr,
      SERVICEPLATFORMEN_SERVICE_UUID_CVR: EMBEDDED_INVOCATION_CONTEXT.serviceUuidCvr,
      REDIS_URL: redis.url,
      AUTH_JWKS_URL: jwksUrl,
      AUTH_ISSUER: DEV_ISSUER,
      AUTH_AUDIENCE: DEV_AUDIENCE,
      AUTH_DEV_KEY_DIR: mkdtempSync(join(tmpdir(), 'load-auth-')),
      PSEUDONYM_SECRET_SAGSBEHANDLING: secret('s'),
      PSEUDONYM_SECRET_OEKONOMI: secret('o'),
      PSEUDONYM_SECRET_ANALYSE: secret('a'),
      RECONCILE_INTERVAL_MINUTES: '0',
      SHUTDOWN_GRACE_MS: '10000',
    },
    /GraphQL:\s+POST (http:\/\/\S+)\/graphql/,
    120_000,
  );
}

async function reconciliationIdle(s: BenchSources): Promise<void> {
  const deadline = Date.now() + 300_000;
  await sleep(2000);
  while (Date.now() < deadline) {
    const [r] = await s.store.db('afstemning_koersel').select(s.store.db.raw(`count(*) filter (where status = 'KOERER')::int as running`));
    if ((r as { running: number }).running === 0) return;
    await sleep(500);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

main().catch((e: unknown) => {
  process.stderr.write(`load: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
