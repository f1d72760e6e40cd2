import type { InvocationContext } from '../../src/config';
import type { HttpFetch } from './transport';

/** What createServiceplatformenConnector takes: GatewayConfig.serviceplatformen + serviceplatformenLimits, plus test hooks. */
export interface ServiceplatformenConnectorOptions {
  /** Base URL, e.g. https://prod.serviceplatformen.dk or the stand-in's URL; the service paths are appended. */
  url: string;
  invocationContext: InvocationContext;
  timeoutMs: number;
  /** Calls at once, process-wide. */
  concurrency: number;
  /** 0 = no cache. */
  cacheTtlSeconds: number;
  /** Bound on cached answers per operation (default 10 000). */
  cacheMaxEntries?: number;
  /** PEM files of the FOCES/OCES client certificate, its key, and the platform's CA. */
  certFile?: string;
  keyFile?: string;
  caFile?: string;
  /** For tests (e.g. a wrapper counting calls in flight); defaults to the global fetch or the client-certificate transport. */
  fetch?: HttpFetch;
  /** Milliseconds, like Date.now; for stepping over the cache TTL in tests. */
  clock?: () => number;
}

/** Validates options when the connector is created, so a bad value stops start-up, not the first look-up. Returns the parsed URL. */
export function checkOptions(o: ServiceplatformenConnectorOptions): URL {
  let url: URL;
  try {
    url = new URL(o.url);
  } catch {
    throw new TypeError('createServiceplatformenConnector: url must be an absolute http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError('createServiceplatformenConnector: url must be http or https');
  if (!o.invocationContext || typeof o.invocationContext !== 'object') throw new TypeError('createServiceplatformenConnector: invocationContext is required');
  if (!Number.isInteger(o.timeoutMs) || o.timeoutMs <= 0) throw new TypeError('createServiceplatformenConnector: timeoutMs must be a positive integer');
  if (!Number.isInteger(o.concurrency) || o.concurrency < 1) throw new TypeError('createServiceplatformenConnector: concurrency must be a positive integer');
  if (!Number.isFinite(o.cacheTtlSeconds) || o.cacheTtlSeconds < 0) throw new TypeError('createServiceplatformenConnector: cacheTtlSeconds must be 0 or more');
  // the UUIDs themselves are the platform's to judge (src/config.ts checks their format at start-up)
  return url;
}
