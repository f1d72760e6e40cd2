import http from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDevKey, signDevToken, DEV_AUDIENCE, DEV_ISSUER, type DevKey } from '../../src/access/auth/dev-key';
import { EMBEDDED_INVOCATION_CONTEXT, EMBEDDED_TP_CREDENTIALS } from '../../src/server/embedded-municipality';
import { entryFor, freePort, startService, type Service } from './processes';
import type { BenchSources } from './sources';

/**
 * The gateway as deployed: `src/server/main` in its own process (compiled JavaScript when `dist/` exists),
 * NODE_ENV=production, configured only through the environment, logging at info to its stdout (read and
 * discarded here), verifying tokens against a JWKS URL (served by the bench, as an IdP would). Its
 * start-up reconciliation run is waited out before anything is measured.
 */
export interface GatewayProcess extends Service {
  engine: 'mercurius' | 'apollo';
  compiled: boolean;
  /**
   * Headers of a caller of the first team whose token holds both the caseworker and the economy role; a request
   * acts in exactly one (`x-aktiv-rolle`): `sagsbehandler` sees every field of its team's cases, `oekonomi` the
   * economy fields of every case.
   */
  headers(role?: BenchRole): Record<string, string>;
  /** a token of the bench's identity provider with these roles (e.g. `bi`), for callers other than headers() */
  token(roles: string[]): Promise<string>;
}

let idp: Promise<{ key: DevKey; jwksUrl: string }> | undefined;
/** The bench's identity provider: one signing key, its JWKS served on loopback (shared by every gateway it starts). */
export function identityProvider(): Promise<{ key: DevKey; jwksUrl: string }> {
  return (idp ??= (async () => {
    const key = await createDevKey();
    const body = JSON.stringify({ keys: [key.publicJwk] });
    const server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(body));
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    server.unref();
    return { key, jwksUrl: `http://127.0.0.1:${(server.address() as { port: number }).port}/jwks` };
  })());
}

const secret = (c: string) => c.repeat(48);

/**
 * The environment of a gateway as the bench deploys it: production, every source configured (the bench's
 * databases and stand-ins), tokens from the bench's JWKS, no scheduled reconciliation after the start-up run.
 * Every commit since cc1bf10 reads the same variables (bench/compare-commits.ts starts older gateways with it).
 */
export function gatewayEnv(
  s: Pick<BenchSources, 'urls'>,
  engine: 'mercurius' | 'apollo',
  o: { port: number; jwksUrl: string; storeUrl: string },
): Record<string, string> {
  return {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(o.port),
    GATEWAY_ENGINE: engine,
    LOG_LEVEL: 'info',
    FAGSYSTEM_DATABASE_URL: s.urls.fagsystem,
    OEKONOMI_DATABASE_URL: s.urls.oekonomi,
    GATEWAY_STORE_URL: o.storeUrl,
    TILBUDSPORTALEN_URL: s.urls.tilbudsportalen,
    TILBUDSPORTALEN_USERNAME: EMBEDDED_TP_CREDENTIALS.username,
    TILBUDSPORTALEN_PASSWORD: EMBEDDED_TP_CREDENTIALS.password,
    SERVICEPLATFORMEN_URL: s.urls.serviceplatformen,
    SERVICEPLATFORMEN_SERVICE_AGREEMENT_UUID: EMBEDDED_INVOCATION_CONTEXT.serviceAgreementUuid,
    SERVICEPLATFORMEN_USER_SYSTEM_UUID: EMBEDDED_INVOCATION_CONTEXT.userSystemUuid,
    SERVICEPLATFORMEN_USER_UUID: EMBEDDED_INVOCATION_CONTEXT.userUuid,
    SERVICEPLATFORMEN_SERVICE_UUID_CPR: EMBEDDED_INVOCATION_CONTEXT.serviceUuidCpr,
    SERVICEPLATFORMEN_SERVICE_UUID_CVR: EMBEDDED_INVOCATION_CONTEXT.serviceUuidCvr,
    AUTH_JWKS_URL: o.jwksUrl,
    AUTH_ISSUER: DEV_ISSUER,
    AUTH_AUDIENCE: DEV_AUDIENCE,
    AUTH_DEV_KEY_DIR: mkdtempSync(join(tmpdir(), 'bench-auth-')),
    PSEUDONYM_SECRET_SAGSBEHANDLING: secret('s'),
    PSEUDONYM_SECRET_OEKONOMI: secret('o'),
    PSEUDONYM_SECRET_ANALYSE: secret('a'),
    RECONCILE_INTERVAL_MINUTES: '0',
  };
}

async function startRuns(s: BenchSources): Promise<{ started: number; running: number }> {
  const [r] = await s.store
    .db('afstemning_koersel')
    .select(s.store.db.raw(`count(*) filter (where udloeser = 'START')::int as started, count(*) filter (where status = 'KOERER')::int as running`));
  return r as { started: number; running: number };
}

export type BenchRole = 'sagsbehandler' | 'oekonomi';
const PURPOSE: Record<BenchRole, string> = { sagsbehandler: 'SAGSBEHANDLING', oekonomi: 'OEKONOMI' };

export async function startGatewayProcess(s: BenchSources, engine: 'mercurius' | 'apollo'): Promise<GatewayProcess> {
  const { key, jwksUrl } = await identityProvider();
  const team = s.municipality.fagsystem.teams[0]!;
  // 128 users of the same team and roles, taken in turn: the citizen caps are per user and minute (a pass of S4 on
  // large reads ~10,000 citizens), and the bench measures the gateway, not one user's cap
  const tokens = await Promise.all(
    Array.from({ length: 128 }, (_, i) =>
      signDevToken(key, { sub: `bench-caseworker-${i}`, roles: ['sagsbehandler', 'oekonomi'], team: team.team_id, enhed: team.enhed_id }, { expiresIn: '4h' }),
    ),
  );
  let turn = 0;
  const port = await freePort();
  const before = await startRuns(s);
  // BENCH_GATEWAY_ENTRY: another build of the gateway (bench/narrow.ts compares a build before a change with this one)
  const entry = process.env.BENCH_GATEWAY_ENTRY ? { args: [process.env.BENCH_GATEWAY_ENTRY], compiled: true } : entryFor('src/server/main.ts', true);
  const service = await startService(
    `gateway (${engine})`,
    entry.args,
    gatewayEnv(s, engine, { port, jwksUrl, storeUrl: s.urls.store }),
    /GraphQL:\s+POST (http:\/\/\S+)\/graphql/,
  );
  // the start-up reconciliation run would compete for the CPU with what is measured: wait until it is done
  const deadline = Date.now() + 900_000;
  for (;;) {
    const now = await startRuns(s);
    if (now.started > before.started && now.running === 0) break;
    if (Date.now() > deadline) throw new Error('gateway: start-up reconciliation run did not finish');
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    ...service,
    engine,
    compiled: entry.compiled,
    headers: (role = 'sagsbehandler') => ({ authorization: `Bearer ${tokens[turn++ % tokens.length]}`, 'x-aktiv-rolle': role, 'x-formaal': PURPOSE[role] }),
    token: (roles) => signDevToken(key, { sub: `bench-${roles.join('-')}`, roles }, { expiresIn: '4h' }),
  };
}
