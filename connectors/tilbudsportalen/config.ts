/** What createTilbudsportalenConnector takes: GatewayConfig.tilbudsportalen plus an optional fetch for tests. */
export interface TilbudsportalenConnectorOptions {
  /** Base URL without the `/api/v1` part, e.g. https://api.tilbudsportalen.dk or the stand-in's URL. */
  url: string;
  username: string;
  password: string;
  timeoutMs: number;
  /** For tests; defaults to the global fetch. */
  fetch?: typeof fetch;
}

/** Validates options when the connector is created, so a bad value stops start-up, not the first request. */
export function checkOptions(opts: TilbudsportalenConnectorOptions): void {
  let url: URL;
  try {
    url = new URL(opts.url);
  } catch {
    throw new TypeError('createTilbudsportalenConnector: url must be an absolute http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError('createTilbudsportalenConnector: url must be http or https');
  if (!opts.username || !opts.password) throw new TypeError('createTilbudsportalenConnector: username and password are required (Basic auth)');
  if (!Number.isInteger(opts.timeoutMs) || opts.timeoutMs <= 0) throw new TypeError('createTilbudsportalenConnector: timeoutMs must be a positive integer');
}
