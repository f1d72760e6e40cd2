/**
 * `npm run load` (issue 13): the mixed load at 50 and 200 clients on `demo` over the machine's real PostgreSQL,
 * then the fault scenarios under load — a source slow, answering 500, killed; PostgreSQL connections
 * terminated; Redis killed; SIGTERM to a replica; a replica started while a source is down. Two gateway
 * replicas run as their own processes (node as the process that gets the signals) behind a client-side
 * balancer that, like a load balancer, sends a request to the other replica when one refuses the connection
 * or answers 503. Loopback only; Redis is this script's own redis-server on a free port; bounded: every
 * scenario runs a fixed number of seconds (`--quick`: fewer), the whole run a few minutes.
 *
 * Per scenario it prints: requests, failed requests OUTSIDE the faulted source's fields (must be 0), p95 per
 * operation against the baseline at the same client count, and the recovery time after the fault ends.
 */
import http from 'node:http';
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { prepareSources, type BenchSources } from '../bench/support/sources';
import { freePort, startService, type Service } from '../bench/support/processes';
import { graphql } from '../bench/support/client';
import { createDevKey, signDevToken, DEV_AUDIENCE, DEV_ISSUER } from '../src/access/auth/dev-key';
import { EMBEDDED_INVOCATION_CONTEXT, EMBEDDED_TP_CREDENTIALS } from '../src/server/embedded-municipality';
import { startFaultProxy, type FaultProxy } from '../test/support/fault-proxy';
import { startOwnRedis, type OwnRedis } from '../test/support/own-redis';

const quick = process.argv.includes('--quick');
/** `-- --only killed,terminated`: the baselines and only the scenarios whose name contains one of these (investigating) */
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1]!.toLowerCase().split(',') : null;
const SECONDS = quick ? 9 : 18;

type Source = 'tilbudsportalen' | 'serviceplatformen' | 'postgres' | 'redis' | 'replica' | null;
interface Sample {
  op: string;
  t: number;
  ms: number;
  ok: boolean;
  faultedOnly: boolean;
  clean: boolean;
  /** failed only by a source (not the faulted one) answering after its timeout */
  timeout: boolean;
}

const OPS = {
  Borgerkort: 'query Borgerkort($c: CPR!) { borger(cpr: $c) { fornavn efternavn cprRegister { status } } }',
  Leverandoerkort: 'query Leverandoerkort($id: ID!) { node(id: $id) { ... on Leverandoer { navn pnummer tilbud { tilbudsnavn } } } }',
  Sagsliste: 'query Sagsliste { sager(first: 20) { nodes { sagsnummer status } } }',
  Sagsoverblik:
    'query Sagsoverblik($s: String!) { sag(sagsnummer: $s) { sagsnummer status borger { id } indsatser { paragraf { kode } leverandoer { navn } priser { forventet { prMaaned } kontraktFagsystem } } } }',
} as const;
type Op = keyof typeof OPS;

async function main() {
  const t0 = performance.now();
  const sources = await prepareSources('demo');
  const m = sources.municipality;
  // the stand-ins as their own processes (as in docker-compose): in this process they would share its CPU with
  // the 200 client loops, and a load spike here would show up as the gateway's Serviceplatformen timing out
  const standins = [
    await startService(
      'tilbudsportalen stand-in',
      ['--import', 'tsx', 'simulators/tilbudsportalen/main.ts'],
      { TILBUDSPORTALEN_PORT: '0', SIMULATOR_PRESET: 'demo', SIMULATOR_SEED: '1' },
      /stand-in at (http:\/\/\S+)/,
    ),
    await startService(
      'serviceplatformen stand-in',
      ['--import', 'tsx', 'simulators/serviceplatformen/main.ts'],
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
    `demo loaded into PostgreSQL in ${sources.loadSeconds.toFixed(1)} s; own redis-server on ${redis.port}; load average ${loadavg()
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
        const res = await graphql(target.url, OPS[op], variables(op, i), {
          authorization: `Bearer ${tokens[caller++ % tokens.length]}`,
          'x-formaal': 'SAGSBEHANDLING',
        });
        if (res.status !== 503) return res;
      } catch (e) {
        lastErr = e;
      }
      refused.add(target);
    }
    throw lastErr ?? new Error('no replica answered');
  }

  async function run(clients: number, seconds: number, faulted: Source, fault?: { start(): Promise<void> | void; stop(): Promise<void> | void }) {
    const samples: Sample[] = [];
    const begin = performance.now();
    const end = begin + seconds * 1000;
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
    let i = 0;
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (performance.now() < end) {
          const n = i++;
          const op = (Object.keys(OPS) as Op[])[n % 4]!;
          const t = performance.now();
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
          samples.push({ op, t: t - begin, ms: performance.now() - t, ok, faultedOnly, clean, timeout });
        }
      }),
    );
    await timeline;
    return { samples, faultOn, faultOff };
  }

  const baseline: Record<number, Record<string, number>> = {};
  const rows: string[] = [];
  const report = (name: string, clients: number, r: Awaited<ReturnType<typeof run>> | null) => {
    if (!r) return;
    const failed = r.samples.filter((s) => !s.ok).length;
    // of those: a source other than the faulted one answering after its timeout (the stand-ins share this process's CPU)
    const timeouts = r.samples.filter((s) => !s.ok && s.timeout).length;
    const byOp: Record<string, number> = {};
    const affectedOps = new Set(r.samples.filter((s) => s.faultedOnly || !s.ok).map((s) => s.op));
    for (const op of Object.keys(OPS)) byOp[op] = p95(r.samples.filter((s) => s.op === op).map((s) => s.ms));
    if (!baseline[clients]) baseline[clients] = byOp;
    const unaffected = Object.keys(OPS).filter((op) => !affectedOps.has(op));
    const worst = unaffected.length ? Math.max(...unaffected.map((op) => byOp[op]! / baseline[clients]![op]!)) : NaN;
    // recovery: after the fault ends, how long until the affected operations answered clean again
    let recovery = '–';
    if (r.faultOff >= 0) {
      const afterOff = r.samples.filter((s) => s.t >= r.faultOff);
      const lastDirty = Math.max(r.faultOff, ...afterOff.filter((s) => affectedOps.has(s.op) && !s.clean).map((s) => s.t + s.ms));
      recovery = `${((lastDirty - r.faultOff) / 1000).toFixed(1)} s`;
    }
    const rps = r.samples.length / (Math.max(...r.samples.map((s) => s.t + s.ms)) / 1000);
    const line =
      `${name.padEnd(34)} ${String(clients).padStart(3)} clients ${String(r.samples.length).padStart(6)} req ${rps.toFixed(0).padStart(4)} req/s  failed ${String(failed).padStart(3)} (timeouts ${timeouts})  ` +
      `p95 ${Object.entries(byOp)
        .map(([op, v]) => `${op} ${v.toFixed(0)}`)
        .join(
          ' · ',
        )} ms  unaffected p95 ≤ ${Number.isNaN(worst) ? '–' : `${worst.toFixed(2)}×`} baseline  recovery ${recovery}  load ${loadavg()[0]!.toFixed(1)}`;
    rows.push(line);
    process.stdout.write(line + '\n');
  };

  const want = (name: string) => name === 'baseline' || !only || only.some((o) => name.toLowerCase().includes(o));
  const admin = new pg.Client({ connectionString: sources.urls.store.replace(/\/[^/]+$/, '/postgres') });
  await admin.connect();
  const dbNames = [sources.urls.fagsystem, sources.urls.oekonomi, sources.urls.store].map((u) => new URL(u).pathname.slice(1));

  // a warm-up, not reported: a cold baseline (JIT, pools, caches) would flatter every fault row measured after it
  await run(50, Math.ceil(SECONDS / 2), null);
  report('baseline', 50, !want('baseline') ? null : await run(50, SECONDS, null));
  report('baseline', 200, !want('baseline') ? null : await run(200, SECONDS, null));
  report(
    'Tilbudsportalen slow (8 s)',
    50,
    !want('Tilbudsportalen slow (8 s)')
      ? null
      : await run(50, SECONDS, 'tilbudsportalen', { start: () => tp.set({ kind: 'slow', ms: 8000 }), stop: () => tp.set({ kind: 'pass' }) }),
  );
  report(
    'Tilbudsportalen HTTP 500',
    50,
    !want('Tilbudsportalen HTTP 500')
      ? null
      : await run(50, SECONDS, 'tilbudsportalen', { start: () => tp.set({ kind: 'status', status: 500 }), stop: () => tp.set({ kind: 'pass' }) }),
  );
  report(
    'Tilbudsportalen killed',
    50,
    !want('Tilbudsportalen killed') ? null : await run(50, SECONDS, 'tilbudsportalen', { start: () => tp.kill(), stop: () => tp.revive() }),
  );
  report(
    'Serviceplatformen killed',
    50,
    !want('Serviceplatformen killed') ? null : await run(50, SECONDS, 'serviceplatformen', { start: () => sp.kill(), stop: () => sp.revive() }),
  );
  report(
    'Serviceplatformen slow (8 s)',
    200,
    !want('Serviceplatformen slow (8 s)')
      ? null
      : await run(200, SECONDS, 'serviceplatformen', { start: () => sp.set({ kind: 'slow', ms: 8000 }), stop: () => sp.set({ kind: 'pass' }) }),
  );
  report(
    'PostgreSQL connections terminated',
    50,
    !want('PostgreSQL connections terminated')
      ? null
      : await run(50, SECONDS, 'postgres', {
          start: async () =>
            void (await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = any($1) and pid <> pg_backend_pid()', [dbNames])),
          stop: () => undefined,
        }),
  );
  report('Redis killed', 50, !want('Redis killed') ? null : await run(50, SECONDS, 'redis', { start: () => redis.kill(), stop: () => redis.start() }));
  report(
    'SIGTERM to one replica',
    50,
    !want('SIGTERM to one replica')
      ? null
      : await run(50, SECONDS, 'replica', {
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
        }),
  );
  // a replica started while Tilbudsportalen is down: it starts degraded and serves
  if (want('replica started with TP down')) await startDegraded();
  async function startDegraded() {
    await tp.kill();
    const tStart = performance.now();
    const degraded = await startReplica(sources, tp, sp, redis, jwksUrl);
    const startedIn = (performance.now() - tStart) / 1000;
    await reconciliationIdle(sources);
    replicas.push(degraded);
    report(
      'replica started with TP down',
      50,
      !want('replica started with TP down') ? null : await run(50, SECONDS, 'tilbudsportalen', { start: () => undefined, stop: () => tp.revive() }),
    );
    rows.push(`replica started with Tilbudsportalen down: ready in ${startedIn.toFixed(1)} s`);
    process.stdout.write(`${rows[rows.length - 1]}\n`);
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
    ['--import', 'tsx', 'src/server/main.ts'],
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
function p95(xs: number[]): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]!;
}

main().catch((e: unknown) => {
  process.stderr.write(`load: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
