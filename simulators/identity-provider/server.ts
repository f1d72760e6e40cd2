import { createServer, type Server } from 'node:http';
import { createDevKey, signDevToken, DEV_ISSUER, type DevKey } from '../../src/access/auth/dev-key';
import { POLICY, ROLES, type Role } from '../../src/access/policy';

/**
 * A development identity provider for `docker compose up` (the municipality's own IdP in production): it
 * publishes its public key as a JWKS, which the gateway verifies against exactly as it would a real IdP's
 * (AUTH_JWKS_URL, AUTH_ISSUER), and hands out tokens for the demo municipality:
 *   GET /.well-known/jwks.json
 *   GET /token?role=sagsbehandler[&team=1&enhed=1&scope=operation:Sagsoverblik]   → the token as text
 * Team/unit default to the synthetic municipality's team 1 / unit 1, as `npm run token` does.
 */
export interface IdentityProvider {
  url: string;
  issuer: string;
  close(): Promise<void>;
}

const int = (v: string | null) => (v === null ? undefined : /^\d{1,9}$/.test(v) ? Number(v) : NaN);

export async function startIdentityProvider(opts: { host: string; port: number; key?: DevKey; issuer?: string }): Promise<IdentityProvider> {
  const key = opts.key ?? (await createDevKey());
  const issuer = opts.issuer ?? DEV_ISSUER;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://idp');
    const send = (status: number, type: string, body: string) => res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
    if (req.method !== 'GET') return send(405, 'text/plain', 'GET only\n');
    if (url.pathname === '/.well-known/jwks.json') return send(200, 'application/json', JSON.stringify({ keys: [key.publicJwk] }));
    if (url.pathname === '/healthz') return send(200, 'text/plain', 'ok\n');
    if (url.pathname !== '/token') return send(404, 'text/plain', 'GET /token?role=… or /.well-known/jwks.json\n');
    const role = url.searchParams.get('role') ?? '';
    if (!(ROLES as readonly string[]).includes(role)) return send(400, 'text/plain', `role must be one of ${ROLES.join(', ')}\n`);
    const rows = POLICY[role as Role].rows;
    const team = int(url.searchParams.get('team')) ?? (rows === 'team' ? 1 : undefined);
    const enhed = int(url.searchParams.get('enhed')) ?? (rows === 'team' || rows === 'enhed' ? 1 : undefined);
    if (Number.isNaN(team) || Number.isNaN(enhed)) return send(400, 'text/plain', 'team and enhed must be whole numbers\n');
    void signDevToken(
      key,
      {
        sub: `compose-${role}`,
        roles: [role],
        team,
        enhed,
        scope: url.searchParams.get('scope') ?? (role === 'app' ? 'operation:Sagsoverblik' : undefined),
        org: 'Demo Kommune, Socialafdelingen',
      },
      { issuer },
    ).then(
      (token) => send(200, 'text/plain', `${token}\n`),
      () => send(500, 'text/plain', 'could not sign\n'),
    );
  });
  await new Promise<void>((resolve) => server.listen(opts.port, opts.host, resolve));
  const port = (server.address() as { port: number }).port;
  return { url: `http://${opts.host === '0.0.0.0' ? '127.0.0.1' : opts.host}:${port}`, issuer, close: () => new Promise((r) => server.close(() => r())) };
}
