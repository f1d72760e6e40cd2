import type { Knex } from 'knex';
import type { FastifyInstance } from 'fastify';
import type { ReconcileTrigger } from '../../src/reconcile/read/types';
import { openDatabase } from '../../src/db/open';
import { generateMunicipality } from '../../simulators/generator';
import { loadMunicipality } from '../../simulators/load';
import { startTilbudsportalen } from '../../simulators/tilbudsportalen/server';
import { startServiceplatformen } from '../../simulators/serviceplatformen/server';
import type { Municipality } from '../../simulators/model';
import { createConnectors, closeConnectors } from '../../src/server/create-connectors';
import { openStore, type GatewayStore } from '../../src/store';
import { buildApp } from '../../src/server/app';
import { loadConfig, type GatewayConfig } from '../../src/config';
import { EMBEDDED_INVOCATION_CONTEXT, EMBEDDED_TP_CREDENTIALS } from '../../src/server/embedded-municipality';
import type { Connectors } from '../../src/context/connectors';
import { createDevKey, signDevToken, DEV_AUDIENCE, DEV_ISSUER, type DevKey, type TokenClaims } from '../../src/access/auth/dev-key';
import { createVerifier } from '../../src/access/auth/verifier';
import { ROLE_DEFINITIONS, type RoleDefinition } from '../../src/access/principal';
import { PURPOSES } from '../../src/access/policy';
import { createPseudonymizer } from '../../src/access/pseudonym';
import { memoryRateLimiter, type RateLimiter } from '../../src/access/limits/rate-limiter';
import { createTempDatabase, type TempDatabase } from './postgres';
import { startFaultProxy, type FaultProxy } from './fault-proxy';

/**
 * The whole stack for end-to-end tests: the `test` municipality in throw-away databases on the real
 * PostgreSQL (default) or in embedded PGlite, both stand-ins over real HTTP on free ports, and the gateway listening on a free port.
 * SQL statements are counted per source (knex `query` events) so N+1 tests can assert on them.
 */
export type DbKind = 'pglite' | 'postgres';

export interface TestStack {
  url: string;
  app: FastifyInstance;
  municipality: Municipality;
  fagsystemDb: Knex;
  oekonomiDb: Knex;
  store: GatewayStore;
  connectors: Connectors;
  tilbudsportalenUrl: string;
  serviceplatformenUrl: string;
  /** stops a stand-in, to test what an outage of that system does */
  stopStandin(name: 'tilbudsportalen' | 'serviceplatformen'): Promise<void>;
  sqlCount: { fagsystem: number; oekonomi: number; store: number };
  resetCounts(): Promise<void>;
  httpCalls(): Promise<{ tilbudsportalen: number; serviceplatformen: number }>;
  /** runs as the default caller (the test-only role TEST_ROLE: every row and field, purpose SAGSBEHANDLING) unless headers say otherwise */
  graphql<T = any>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: { data?: T; errors?: any[]; extensions?: any } }>;
  /** the same stack served by another engine (both engines share connectors, store and data) */
  engine(name: 'mercurius' | 'apollo'): Promise<Pick<TestStack, 'url' | 'app' | 'graphql'>>;
  /** a token from the stack's own dev IdP (the real verification path) */
  token(claims: Partial<TokenClaims> & { roles: string[] }, opts?: { expiresIn?: string; issuer?: string }): Promise<string>;
  devKey: DevKey;
  defaultToken: string;
  /** fault-injecting proxies between the gateway and each stand-in (with `faults: true`) */
  faults?: { tilbudsportalen: FaultProxy; serviceplatformen: FaultProxy };
  close(): Promise<void>;
}

/**
 * The default test caller acts in one role that exists only in tests (a production verifier refuses it as
 * "no known role"): every row, every field class, every right — so feature tests see whole answers. Privacy
 * tests use the real roles. (Before issue 8 this was a two-role token relying on the union of roles.)
 */
export const TEST_ROLE = 'test-alt';
export const TEST_ROLE_DEFINITION: RoleDefinition = {
  policy: {
    rows: 'alle',
    sees: new Set(['cpr', 'navn', 'adresse', 'fritekst', 'oekonomi']),
    pseudonymDomain: 'sagsbehandling',
    needsPurpose: true,
    defaultPurpose: null,
    mayDecide: true,
    mayReconcile: true,
    mayReadAccessLog: false,
    mayFollowBudget: true,
    purposes: new Set(PURPOSES),
  },
  budget: { maxCost: 500_000, citizensPerRequest: 5_000, citizensPerMinute: 1_000_000 },
};

const cache = new Map<string, Municipality>();
export async function testMunicipality(seed = 1, preset: 'test' | 'demo' | 'large' = 'test'): Promise<Municipality> {
  const key = `${preset}:${seed}`;
  if (!cache.has(key)) cache.set(key, await generateMunicipality({ preset, seed }));
  return cache.get(key)!;
}

export async function startTestStack(
  opts: {
    poolMax?: number;
    preset?: 'test' | 'demo' | 'large';
    logStream?: { write(msg: string): void };
    engine?: 'mercurius' | 'apollo';
    db?: DbKind;
    seed?: number;
    today?: string;
    production?: boolean;
    safelistMode?: boolean;
    corsOrigins?: string[];
    faults?: boolean;
    rateLimiter?: RateLimiter;
    configure?: (c: GatewayConfig) => GatewayConfig;
    reconcileTrigger?: () => ReconcileTrigger | null;
    beforeListen?: (s: Omit<TestStack, 'url' | 'app' | 'close' | 'graphql' | 'token' | 'devKey' | 'defaultToken' | 'engine'>) => Promise<void>;
  } = {},
): Promise<TestStack> {
  const municipality = await testMunicipality(opts.seed ?? 1, opts.preset ?? 'test');
  const temps: TempDatabase[] = [];
  const open = async (): Promise<Knex> => {
    if ((opts.db ?? 'postgres') === 'postgres') {
      const t = await createTempDatabase('e2e');
      temps.push(t);
      return openDatabase({ kind: 'postgres', url: t.url, poolMax: opts.poolMax ?? 10 });
    }
    return openDatabase({ kind: 'pglite' });
  };
  const fagsystemDb = await open();
  const oekonomiDb = await open();
  await loadMunicipality({ fagsystem: fagsystemDb, oekonomi: oekonomiDb }, municipality);
  const sqlCount = { fagsystem: 0, oekonomi: 0, store: 0 };
  fagsystemDb.on('query', () => sqlCount.fagsystem++);
  oekonomiDb.on('query', () => sqlCount.oekonomi++);

  const tp = await startTilbudsportalen({ tilbud: municipality.tilbudsportalen, credentials: EMBEDDED_TP_CREDENTIALS, host: '127.0.0.1', port: 0 });
  const sp = await startServiceplatformen({
    personer: municipality.serviceplatformen.personer,
    virksomheder: municipality.serviceplatformen.virksomheder,
    host: '127.0.0.1',
    port: 0,
  });
  const base = loadConfig({});
  const faults = opts.faults ? { tilbudsportalen: await startFaultProxy(tp.url), serviceplatformen: await startFaultProxy(sp.url) } : undefined;
  const config: GatewayConfig = (opts.configure ?? ((c) => c))({
    ...base,
    tilbudsportalen: { url: faults?.tilbudsportalen.url ?? tp.url, ...EMBEDDED_TP_CREDENTIALS, timeoutMs: 5000 },
    serviceplatformen: { url: faults?.serviceplatformen.url ?? sp.url, invocationContext: EMBEDDED_INVOCATION_CONTEXT, timeoutMs: 5000 },
  });
  const connectors = createConnectors(config, { fagsystemDb, oekonomiDb });
  let storeTarget: GatewayConfig['store'] = { kind: 'pglite' };
  if ((opts.db ?? 'postgres') === 'postgres') {
    const t = await createTempDatabase('store');
    temps.push(t);
    storeTarget = { kind: 'postgres', url: t.url, poolMax: opts.poolMax ?? 10 };
  }
  const store = await openStore(storeTarget);
  store.db.on('query', () => sqlCount.store++);
  const today = opts.today ?? municipality.asOf;
  const clock = () => new Date(`${today}T12:00:00Z`);

  const partial = {
    municipality,
    fagsystemDb,
    oekonomiDb,
    store,
    connectors,
    tilbudsportalenUrl: tp.url,
    serviceplatformenUrl: sp.url,
    async stopStandin(name: 'tilbudsportalen' | 'serviceplatformen') {
      await (name === 'tilbudsportalen' ? tp : sp).close();
    },
    sqlCount,
    async resetCounts() {
      sqlCount.fagsystem = 0;
      sqlCount.oekonomi = 0;
      sqlCount.store = 0;
      await fetch(`${tp.url}/admin/reset-stats`, { method: 'POST' });
      await fetch(`${sp.url}/admin/reset-calls`, { method: 'POST' });
    },
    async httpCalls() {
      const t = (await (await fetch(`${tp.url}/admin/stats`)).json()) as { requests: number };
      const s = (await (await fetch(`${sp.url}/admin/calls`)).json()) as { total: number };
      return { tilbudsportalen: t.requests, serviceplatformen: s.total };
    },
  };
  if (opts.beforeListen) await opts.beforeListen(partial);

  const devKey = await createDevKey();
  const access = {
    verify: createVerifier({
      localJwks: [devKey.publicJwk],
      issuer: DEV_ISSUER,
      audience: DEV_AUDIENCE,
      roles: { ...ROLE_DEFINITIONS, [TEST_ROLE]: TEST_ROLE_DEFINITION },
    }),
    pseudonymizer: createPseudonymizer({ sagsbehandling: 's'.repeat(40), oekonomi: 'o'.repeat(40), analyse: 'a'.repeat(40) }),
    rateLimiter: opts.rateLimiter ?? memoryRateLimiter(),
  };
  const token = (claims: Partial<TokenClaims> & { roles: string[] }, o?: { expiresIn?: string; issuer?: string }) =>
    signDevToken(devKey, { sub: claims.sub ?? `test-${claims.roles.join('-')}`, ...claims }, o);
  const firstTeam = municipality.fagsystem.teams[0]!;
  const defaultToken = await token({ roles: [TEST_ROLE], sub: 'test-default', team: firstTeam.team_id, enhed: firstTeam.enhed_id });
  const served = new Map<string, Pick<TestStack, 'url' | 'app' | 'graphql'>>();
  const serve = async (engine: 'mercurius' | 'apollo') => {
    const existing = served.get(engine);
    if (existing) return existing;
    const app = await buildApp({
      connectors,
      store,
      access,
      logger: opts.logStream ? { level: 'debug', stream: opts.logStream } : false,
      engine,
      production: opts.production ?? false,
      safelistMode: opts.safelistMode,
      corsOrigins: opts.corsOrigins,
      clock,
      reconcileTrigger: opts.reconcileTrigger,
    });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const handle: Pick<TestStack, 'url' | 'app' | 'graphql'> = {
      url,
      app,
      async graphql(query, variables, headers) {
        const res = await fetch(`${url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${defaultToken}`, 'x-formaal': 'SAGSBEHANDLING', ...headers },
          body: JSON.stringify({ query, variables }),
        });
        return { status: res.status, body: (await res.json()) as never };
      },
    };
    served.set(engine, handle);
    return handle;
  };
  const main = await serve(opts.engine ?? 'mercurius');
  return {
    ...partial,
    ...main,
    engine: serve,
    devKey,
    defaultToken,
    token,
    faults,
    async close() {
      for (const h of served.values()) await h.app.close();
      await closeConnectors(connectors);
      await store.close();
      // the proxies first: their kept-alive upstream connections would hold the stand-ins' close
      await faults?.tilbudsportalen.close();
      await faults?.serviceplatformen.close();
      await tp.close().catch(() => undefined);
      await sp.close().catch(() => undefined);
      for (const t of temps) await t.drop().catch(() => undefined);
    },
  };
}
