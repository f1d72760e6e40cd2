import type { Cpr } from '../../src/domain/identifiers/cpr';
import type { PolicyOption } from '../shared/guard';
import { createSourcePolicy } from '../shared/resilience-policy';
import { TtlCache } from './cache';
import { SoapClient } from './client';
import { badResponse } from './errors';
import { createLoaders, type SharedLookups } from './loaders';
import { MappingError, toCprPerson, toCvrVirksomhed, toProduktionsenhed } from './mapping';
import { GET_LEGAL_UNIT, GET_PRODUCTION_UNIT, PERSON_LOOKUP, type SoapOperation } from './operations';
import { tcpReachable } from './reachability';
import { SharedLookup } from './shared-lookup';
import { createTransport } from './transport';
import { checkOptions, type ServiceplatformenConnectorOptions } from './config';
import type { XmlNode } from './envelope';
import type { ServiceplatformenConnector, ServiceplatformenRequest } from './types';

export type { ServiceplatformenConnector, ServiceplatformenRequest } from './types';
export type { ServiceplatformenConnectorOptions } from './config';
export { canonicalCpr, canonicalCvr, canonicalPnummer } from './loaders';
export { createTransport, type HttpFetch, type Transport } from './transport';
export { TtlCache } from './cache';
export { Semaphore } from './concurrency';

/**
 * Serviceplatformen (KOMBIT) over SOAP 1.1: SF1520 CPR and SF1530 CVR look-ups, one number per billed call.
 * Created once at start-up; the dedupe, the concurrency cap and the TTL cache are process-wide, the
 * DataLoaders from `forRequest()` are per request.
 */
export function createServiceplatformenConnector(opts: ServiceplatformenConnectorOptions & PolicyOption): ServiceplatformenConnector {
  const url = checkOptions(opts);
  const transport = createTransport(opts, opts.fetch);
  const client = new SoapClient({
    url: opts.url,
    invocationContext: opts.invocationContext,
    timeoutMs: opts.timeoutMs,
    fetch: transport.fetch,
  });
  // the policy's bulkhead is the concurrency cap (bounded queue, timeout counting the wait); every look-up is
  // billed, so one retry at most by default
  const policy = opts.policy ?? createSourcePolicy('serviceplatformen', { timeoutMs: opts.timeoutMs, concurrency: opts.concurrency, retries: 1 });
  const semaphore = { run: <T>(task: (signal?: AbortSignal) => Promise<T>) => policy.execute(task) };
  const clock = opts.clock ?? Date.now;

  function lookup<V>(op: SoapOperation, map: (key: string, payload: XmlNode) => V): SharedLookup<V | null> {
    const cache =
      opts.cacheTtlSeconds > 0 ? new TtlCache<V | null>({ ttlMs: opts.cacheTtlSeconds * 1000, maxEntries: opts.cacheMaxEntries ?? 10_000, clock }) : null;
    return new SharedLookup<V | null>({
      cache,
      semaphore,
      // the policy's signal goes to the HTTP call: a look-up the caller has given up on is not sent (nor billed)
      call: async (key, call, signal) => {
        const payload = await client.call(op, key, call, signal);
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
    policy,
    forRequest(call): ServiceplatformenRequest {
      return createLoaders(shared, call);
    },

    /** TCP reachability of the platform's host and port, never a billed SOAP call. */
    ping(): Promise<void> {
      return tcpReachable(url, opts.timeoutMs);
    },

    async close(): Promise<void> {
      for (const l of Object.values(shared)) l.clear();
      transport.close();
    },
  };
}
