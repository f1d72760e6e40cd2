import type { Connectors } from '../context/connectors';
import type { GatewayConfig } from '../config';
import { ConfigError } from '../config';
import { isSourceError, type SourceErrorCode } from '../../connectors/shared/source-error';

/**
 * Start-up checks: every configured source must answer before the gateway listens, and a failure stops
 * start-up with ONE line naming the variable to fix (a bad password names the credential variables, an
 * unreachable server its URL variable).
 */
const WHAT: Record<SourceErrorCode, string> = {
  SOURCE_UNAVAILABLE: 'cannot reach the server',
  SOURCE_TIMEOUT: 'the server did not answer in time',
  SOURCE_AUTH_FAILED: 'the server rejected the credentials',
  SOURCE_BAD_RESPONSE: 'the server answered something that is not the expected service',
  SOURCE_NOT_FOUND: 'the server does not know the expected resource',
  SOURCE_RATE_LIMITED: 'the server is rate-limiting the gateway',
  SOURCE_QUERY_FAILED: 'a test query failed (missing tables or permissions?)',
};

function variableFor(source: keyof Connectors, code: SourceErrorCode, config: GatewayConfig): string {
  const auth = code === 'SOURCE_AUTH_FAILED';
  switch (source) {
    case 'fagsystem':
      return 'FAGSYSTEM_DATABASE_URL';
    case 'oekonomi':
      return 'OEKONOMI_DATABASE_URL';
    case 'tilbudsportalen':
      return auth ? 'TILBUDSPORTALEN_USERNAME/TILBUDSPORTALEN_PASSWORD' : 'TILBUDSPORTALEN_URL';
    case 'serviceplatformen':
      return auth ? (config.serviceplatformen?.certFile ? 'SERVICEPLATFORMEN_CERT_FILE/SERVICEPLATFORMEN_KEY_FILE' : 'SERVICEPLATFORMEN_SERVICE_AGREEMENT_UUID') : 'SERVICEPLATFORMEN_URL';
  }
}

export async function preflight(connectors: Connectors, config: GatewayConfig): Promise<void> {
  const sources = Object.keys(connectors) as Array<keyof Connectors>;
  const results = await Promise.allSettled(sources.map((s) => connectors[s].ping()));
  results.forEach((r, i) => {
    if (r.status === 'fulfilled') return;
    const source = sources[i]!;
    const code: SourceErrorCode = isSourceError(r.reason) ? r.reason.code : 'SOURCE_UNAVAILABLE';
    throw new ConfigError(variableFor(source, code, config), `${source}: ${WHAT[code]}`);
  });
}
