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
  SOURCE_OVERLOADED: 'too many calls are waiting for the server',
};

/**
 * Tilbudsportalen and Serviceplatformen are external services the gateway does not need to serve most data:
 * when they cannot be reached at start, the gateway starts degraded (their fields are null with an error
 * naming the source until they answer) instead of every replica refusing to start during their outage.
 * A wrong configuration (credentials, a URL that is not the service) still stops start-up.
 */
const NON_ESSENTIAL = new Set<keyof Connectors>(['tilbudsportalen', 'serviceplatformen']);
const OUTAGE = new Set<SourceErrorCode>(['SOURCE_UNAVAILABLE', 'SOURCE_TIMEOUT', 'SOURCE_OVERLOADED', 'SOURCE_RATE_LIMITED']);

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
      return auth
        ? config.serviceplatformen?.certFile
          ? 'SERVICEPLATFORMEN_CERT_FILE/SERVICEPLATFORMEN_KEY_FILE'
          : 'SERVICEPLATFORMEN_SERVICE_AGREEMENT_UUID'
        : 'SERVICEPLATFORMEN_URL';
  }
}

/** Resolves with the sources the gateway starts without (one warning line each is the caller's to print). */
export async function preflight(connectors: Connectors, config: GatewayConfig): Promise<Array<{ source: keyof Connectors; variable: string; reason: string }>> {
  const sources = Object.keys(connectors) as Array<keyof Connectors>;
  const results = await Promise.allSettled(sources.map((s) => connectors[s].ping()));
  const degraded: Array<{ source: keyof Connectors; variable: string; reason: string }> = [];
  results.forEach((r, i) => {
    if (r.status === 'fulfilled') return;
    const source = sources[i]!;
    const code: SourceErrorCode = isSourceError(r.reason) ? r.reason.code : 'SOURCE_UNAVAILABLE';
    if (NON_ESSENTIAL.has(source) && OUTAGE.has(code)) {
      degraded.push({ source, variable: variableFor(source, code, config), reason: WHAT[code] });
      return;
    }
    throw new ConfigError(variableFor(source, code, config), `${source}: ${WHAT[code]}`);
  });
  return degraded;
}
