/**
 * The development identity provider as its own process (docker compose's `idp` service):
 *   node dist/simulators/identity-provider/main.js      (IDP_HOST 127.0.0.1, IDP_PORT 4103)
 * A fresh key per start: tokens from an earlier run stop verifying, as after a real key rotation.
 */
import { startIdentityProvider } from './server';

const port = Number(process.env.IDP_PORT ?? 4103);
const host = process.env.IDP_HOST ?? '127.0.0.1';
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write('configuration error: IDP_PORT: not a port number\n');
  process.exit(1);
}
startIdentityProvider({ host, port }).then(
  (idp) => {
    process.stdout.write(
      `Development identity provider at ${idp.url}: JWKS ${idp.url}/.well-known/jwks.json, tokens ${idp.url}/token?role=sagsbehandler (issuer ${idp.issuer})\n`,
    );
    const stop = () => void idp.close().then(() => process.exit(0));
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  },
  (e: unknown) => {
    process.stderr.write(`start-up failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
