import { connect } from 'node:net';
import type { InvocationContext } from '../../src/config';
import type { Cpr } from '../../src/domain/identifiers/cpr';
import { TtlCache } from './cache';
import { SoapClient } from './client';
import { Semaphore } from './concurrency';
import { badResponse, errorFromTransport, spError } from './errors';
import { createLoaders, type SharedLookups } from './loaders';
import { MappingError, toCprPerson, toCvrVirksomhed, toProduktionsenhed } from './mapping';
import { GET_LEGAL_UNIT, GET_PRODUCTION_UNIT, PERSON_LOOKUP, type SoapOperation } from './operations';
import { SharedLookup } from './shared-lookup';
import { createTransport, type HttpFetch } from './transport';
import type { XmlNode } from './envelope';
import type { ServiceplatformenConnector, ServiceplatformenRequest } from './types';

export type { ServiceplatformenConnector, ServiceplatformenRequest } from './types';
export { canonicalCpr, canonicalCvr, canonicalPnummer } from './loaders';
export { createTransport, type HttpFetch, type Transport } from './transport';
export { TtlCache } from './cache';
export { Semaphore } from './concurrency';

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

function checkOptions(o: ServiceplatformenConnectorOptions): URL {
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

/**
 * Serviceplatformen (KOMBIT) over SOAP 1.1: SF1520 CPR and SF1530 CVR look-ups, one number per billed call.
 * Created once at start-up; the dedupe, the concurrency cap and the TTL cache are process-wide, the
 * DataLoaders from `forRequest()` are per request.
 */
export function createServiceplatformenConnector(opts: ServiceplatformenConnectorOptions): ServiceplatformenConnector {
  const url = checkOptions(opts);
  const transport = createTransport(opts, opts.fetch);
  const client = new SoapClient({ url: opts.url, invocationContext: opts.invocationContext, timeoutMs: opts.timeoutMs, fetch: transport.fetch });
  const semaphore = new Semaphore(opts.concurrency);
  const clock = opts.clock ?? Date.now;

  function lookup<V>(op: SoapOperation, map: (key: string, payload: XmlNode) => V): SharedLookup<V | null> {
    const cache = opts.cacheTtlSeconds > 0 ? new TtlCache<V | null>({ ttlMs: opts.cacheTtlSeconds * 1000, maxEntries: opts.cacheMaxEntries ?? 10_000, clock }) : null;
    return new SharedLookup<V | null>({
      cache,
      semaphore,
      call: async (key) => {
        const payload = await client.call(op, key);
        if (payload === null) return null;
        try {
          return map(key, payload);
        } catch (err) {
          if (err instanceof MappingError) throw badResponse(op.name, err.reason);
          throw err;
        }
      },
    });
  }

  const shared: SharedLookups = {
    person: lookup(PERSON_LOOKUP, (cpr, payload) => toCprPerson(cpr as Cpr, payload)),
    virksomhed: lookup(GET_LEGAL_UNIT, toCvrVirksomhed),
    produktionsenhed: lookup(GET_PRODUCTION_UNIT, toProduktionsenhed),
  };

  return {
    forRequest(): ServiceplatformenRequest {
      return createLoaders(shared);
    },

    /**
     * Reachability only: a TCP connect to the platform's host and port. Every SOAP call is billed and needs
     * a legal basis for the number in it, so a health check must not make one.
     */
    ping(): Promise<void> {
      const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
      const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
      return new Promise<void>((resolve, reject) => {
        const socket = connect({ host, port });
        socket.setTimeout(opts.timeoutMs, () => {
          socket.destroy();
          reject(spError('SOURCE_TIMEOUT'));
        });
        socket.once('connect', () => {
          socket.end();
          socket.destroy();
          resolve();
        });
        socket.once('error', (err) => reject(errorFromTransport(err)));
      });
    },

    async close(): Promise<void> {
      for (const l of Object.values(shared)) l.clear();
      transport.close();
    },
  };
}
