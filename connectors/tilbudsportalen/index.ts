import type { Tilbud } from '../../src/domain/model';
import type { PolicyOption } from '../shared/guard';
import { createSourcePolicy } from '../shared/resilience-policy';
import { TilbudsportalenClient } from './client';
import { checkOptions, type TilbudsportalenConnectorOptions } from './config';
import { afdelingKey, toTilbud } from './mapping';
import { createLoaders, pages } from './loaders';
import type { TilbudsportalenConnector, TilbudsportalenRequest } from './types';

export type { TilbudsportalenConnector, TilbudsportalenRequest } from './types';
export type { TilbudsportalenConnectorOptions } from './config';
export { TilbudsportalenClient, listQueryString, MAX_PAGE_SIZE } from './client';
export { afdelingKey, canonicalAfdelingKey, canonicalPnummer, toTilbud } from './mapping';

/** ISO 8601 with an explicit offset: a zone-less time is ambiguous across DST, so the register demands one. */
const TIMESTAMP_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Tilbudsportalen (the national register of social offers) over REST/JSON. Created once at start-up;
 * `forRequest()` gives each GraphQL request its own loaders.
 */
export function createTilbudsportalenConnector(opts: TilbudsportalenConnectorOptions & PolicyOption): TilbudsportalenConnector {
  checkOptions(opts);
  const client = new TilbudsportalenClient({ ...opts, fetch: opts.fetch ?? globalThis.fetch });
  // every call (loaders, the job's sync, the ping) through the source's resilience policy
  const policy = opts.policy ?? createSourcePolicy('tilbudsportalen', { timeoutMs: opts.timeoutMs, concurrency: 16 });
  const list = client.list.bind(client);
  client.list = (query, call) => policy.execute((signal) => list(query, call, signal));

  return {
    policy,
    forRequest(call): TilbudsportalenRequest {
      return createLoaders(call ? { list: (query) => client.list(query, call) } : client);
    },

    /**
     * Walks every page, 500 records at a time, for the reconciliation job's sync. `updatedSince` matches
     * `opdateret >= updatedSince` upstream, so a sync that stores the largest `opdateret` it saw never misses
     * a change made in the same instant. Page numbers shift if the register changes mid-walk; a record seen
     * on an earlier page is not yielded again.
     */
    async *all(options: { updatedSince?: string } = {}): AsyncIterable<Tilbud[]> {
      if (options.updatedSince !== undefined && !TIMESTAMP_WITH_OFFSET.test(options.updatedSince)) {
        throw new TypeError('all: updatedSince must be an ISO 8601 timestamp with offset, e.g. 2024-03-01T00:00:00Z');
      }
      const seen = new Set<string>();
      const filter = options.updatedSince === undefined ? {} : { updatedSince: options.updatedSince };
      for await (const items of pages(client, filter)) {
        const fresh = items.filter((t) => {
          const key = afdelingKey(t.tilbudsid, t.afdelingsid);
          if (seen.has(key)) return false;
          seen.add(key);
          return true;
        });
        if (fresh.length) yield fresh.map(toTilbud);
      }
    },

    /** One record, so wrong credentials or a wrong URL stop start-up instead of the first query. */
    async ping(): Promise<void> {
      await client.list({ page: 1, pageSize: 1 });
    },

    async close(): Promise<void> {
      // the global fetch's connection pool is shared and not ours to close
    },
  };
}
