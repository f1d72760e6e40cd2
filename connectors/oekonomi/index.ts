import { guard, poolUsage, sqlPolicy, type PolicyOption } from '../shared/guard';
import { withTransactionComment } from '../shared/call-context';
import { createAggregateSource } from '../shared/aggregate-source';
import { toSqlSourceError } from '../shared/sql-errors';
import { createClient } from './client';
import { resolveOptions, type OekonomiConnectorOptions } from './config';
import { dialectOf } from './dialect';
import { createJobReads } from './job';
import { createRequest } from './loaders';
import { ping } from './queries';
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
  // every statement (requests, job, ping) through the source's resilience policy, tagged with the transaction id
  const policy = options.policy ?? sqlPolicy('oekonomi', opts.db, opts.queryTimeoutMs);
  const { run, runChunked } = client;
  client.run = guard(policy, (query, map) => run(withTransactionComment(query), map)) as typeof client.run;
  client.runChunked = guard(policy, (keys, build, map) => runChunked(keys, (chunk) => withTransactionComment(build(chunk)), map)) as typeof client.runChunked;
  return {
    policy,
    forRequest: () => createRequest(client),
    job: createJobReads(client, opts.jobBatchSize),
    analytics: createAggregateSource({ source: 'oekonomi', db: opts.db, toError: (e) => toSqlSourceError('oekonomi', e), timeoutMs: opts.queryTimeoutMs }),
    poolUsage: () => poolUsage(opts.db),
    async ping() {
      await client.run(ping(opts.db), () => undefined);
    },
    close: () => client.close(),
  };
}
