import { guard, poolUsage, sqlPolicy, type PolicyOption } from '../shared/guard';
import { withTransactionComment, type CallContext } from '../shared/call-context';
import { createAggregateSource } from '../shared/aggregate-source';
import { toSqlSourceError } from '../shared/sql-errors';
import { createClient } from './client';
import { resolveOptions, type OekonomiConnectorOptions } from './config';
import { dialectOf } from './dialect';
import { createJobReads } from './job';
import { createRequest } from './loaders';
import { ping } from './queries';
import type { OekonomiClient } from './client';
import type { OekonomiConnector } from './types';

export type { OekonomiConnectorOptions } from './config';
export type * from './types';

/**
 * The economy connector (ERP: KMD Opus / Fujitsu Prisme-like, SQL Server in production; PostgreSQL or
 * embedded PGlite otherwise). Created once at start with its knex pool; `forRequest()` makes fresh
 * loaders per request; `job` serves the reconciliation job; `close()` destroys the pool on shutdown.
 */
export function createOekonomiConnector(options: OekonomiConnectorOptions & PolicyOption): OekonomiConnector {
  const opts = resolveOptions(options);
  dialectOf(opts.db); // fail at start on an engine the queries were not written for
  const client = createClient(opts);
  // every statement (requests, job, ping) through the source's resilience policy
  const policy = options.policy ?? sqlPolicy('oekonomi', opts.db, opts.queryTimeoutMs);
  client.run = guard(policy, client.run) as typeof client.run;
  client.runChunked = guard(policy, client.runChunked) as typeof client.runChunked;
  return {
    policy,
    // a request's statements carry its transaction id (tagged before the policy, so a retry is tagged once)
    forRequest: (call) => createRequest(call ? taggedWith(client, call) : client),
    job: createJobReads(client, opts.jobBatchSize),
    analytics: createAggregateSource({ source: 'oekonomi', db: opts.db, toError: (e) => toSqlSourceError('oekonomi', e), timeoutMs: opts.queryTimeoutMs }),
    poolUsage: () => poolUsage(opts.db),
    async ping() {
      await client.run(ping(opts.db), () => undefined);
    },
    close: () => client.close(),
  };
}

function taggedWith(client: OekonomiClient, call: CallContext): OekonomiClient {
  return {
    ...client,
    run: (query, map) => client.run(withTransactionComment(query, call), map),
    runChunked: (keys, build, map) => client.runChunked(keys, (chunk) => withTransactionComment(build(chunk), call), map),
  };
}
